select
  {{ helpers.double(2) }} as helpers_double,
  {{ double(2) }} as root_double,
  {{ helpers.quadruple(2) }} as helpers_quadruple,
  {{ helpers.label("'x'") }} as label,
  {{ helpers.shout("'hey'") }} as shout,
  {{ shims.wrap("'w'") }} as wrap,
  {{ helpers.tag() }} as tag,
  {{ cents(250) }} as dollars,
  {{ _shop_prefix() }} || {{ helpers._sep() }} as private_names,
  '{{ dbt.generate_alias_name(none, model) }}' as dbt_alias
