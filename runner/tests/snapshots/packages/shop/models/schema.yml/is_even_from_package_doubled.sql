
select * from "public"."from_package" where doubled % 2 <> 0
