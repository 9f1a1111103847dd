select
  (2 * 2) as helpers_double,
  (2 * 3) as root_double,
  ((2 * 2) * 2) as helpers_quadruple,
  'shims:' || 'x' as label,
  upper('hey') || '!' as shout,
  '<' || 'w' || '>' as wrap,
  '-' || 'tagged' as tag,
  (250 / 100.0) as dollars,
  'shop_' || '-' as private_names,
  'uses_macros' as dbt_alias