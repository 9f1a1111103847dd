select n, doubled, 'hello from shop' as greeting
from "public_helpers"."helper_doubled"