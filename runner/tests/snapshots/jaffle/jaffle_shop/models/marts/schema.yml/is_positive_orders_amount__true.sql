
select * from "public"."orders"
where amount < 0
