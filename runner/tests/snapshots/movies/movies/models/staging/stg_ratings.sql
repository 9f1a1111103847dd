-- One row per user rating of a MovieLens movie at a moment (the key is tested).
select
    "userId" as user_id,
    "movieId" as ml_movie_id,
    rating,
    to_timestamp("timestamp") as rated_at
from "raw"."ratings"