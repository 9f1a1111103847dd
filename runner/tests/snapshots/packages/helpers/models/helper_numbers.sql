select generate_series(10, 10 + 2) as n,
       'from helpers' as label