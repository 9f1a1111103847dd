
select id, name from "raw"."items"