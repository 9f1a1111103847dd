select movie_id, budget, revenue
from "core"."fct_movie"