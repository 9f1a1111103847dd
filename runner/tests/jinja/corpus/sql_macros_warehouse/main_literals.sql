{%- from 'macros.sql' import literal, in_list, quote_ident -%}
select {{ literal(none) }}, {{ literal(42) }}, {{ literal(3.5) }}, {{ literal("O'Reilly") }}, {{ literal(true) }};
select * from t where {{ in_list('id', [1, 2, 3]) }} and {{ in_list('code', ['a', "b'c", none]) }};
select {{ quote_ident('weird "name"') }};
