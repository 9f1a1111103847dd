// ratings.csv / ratings_small.csv (userId,movieId,rating,timestamp), sorted
// by user then movie like the MovieLens files. Users are generated one at a
// time from their own random stream, so the file streams in pieces.
#include <algorithm>
#include <cmath>

#include "dataset.h"
#include "text_format.h"

namespace mrun::moviegen {
namespace {

// 0.5..5.0 stars in half steps (index 1..10); MovieLens' rough shares.
constexpr uint64_t kStarWeights[] = {0, 16, 30, 16, 70, 50, 200, 120, 260, 80, 140};
// MovieLens allowed half stars only from 18 Feb 2003 on.
constexpr int64_t kHalfStarsSince = 1045526400;

struct RatingsPlan {
  std::vector<uint32_t> per_user;  // ratings of user i+1
  std::vector<uint32_t> movie_ids;  // candidate movieIds, increasing
  WeightedTable movie;              // popularity over movie_ids
  WeightedTable stars;
  uint32_t unknown_base = 0;  // movieIds from here on are not in links
  int64_t t_lo = 0, t_hi = 0;
  uint64_t salt = 0;
};

// Splits total ratings over users: heavy-tailed (Pareto, alpha 4/3), at
// least min_each and at most cap per user, summing exactly to total.
std::vector<uint32_t> ratings_per_user(size_t users, size_t total, size_t min_each, size_t cap, uint64_t salt) {
  std::vector<uint32_t> counts(users, 0);
  if (users == 0) return counts;
  min_each = std::min({min_each, total / users, cap});
  Rng rng(salt);
  std::vector<double> w(users);
  double sum = 0;
  for (double& x : w) {
    const double u = static_cast<double>((rng.next() >> 11) + 1) * (1.0 / 9007199254740992.0);
    x = std::min(2000.0, 1.0 / (std::sqrt(u) * std::sqrt(std::sqrt(u))));
    sum += x;
  }
  const double spread = static_cast<double>(total - min_each * users);
  size_t assigned = 0;
  for (size_t i = 0; i < users; ++i) {
    const auto share = static_cast<size_t>(w[i] / sum * spread);
    counts[i] = static_cast<uint32_t>(std::min(cap, min_each + share));
    assigned += counts[i];
  }
  for (size_t i = 0; assigned < total; i = (i + 1) % users) {
    if (counts[i] < cap) {
      ++counts[i];
      ++assigned;
    }
  }
  return counts;
}

std::shared_ptr<RatingsPlan> make_plan(const Dataset& d, bool small) {
  const Catalog& c = d.catalog;
  auto p = std::make_shared<RatingsPlan>();
  if (small) {
    for (uint32_t i : c.small_links) p->movie_ids.push_back(c.links[i].movie_id);
  } else {
    for (const LinkRow& l : c.links) p->movie_ids.push_back(l.movie_id);
  }
  p->salt = mix64(c.seed, small ? 0x5a11 : 0xb16);
  const size_t n = p->movie_ids.size();
  std::vector<uint64_t> w = zipf_weights(n, 30);
  for (size_t i = 0; i < n; ++i) w[i] = w[i] / 8 * (1 + mix64(p->salt, i) % 8);
  if (n) p->movie = WeightedTable::from(w);
  p->stars = WeightedTable::from(std::vector<uint64_t>(std::begin(kStarWeights), std::end(kStarWeights)));
  p->unknown_base = (p->movie_ids.empty() ? 0 : c.links.back().movie_id) + 1000;
  const size_t users = small ? c.plan.users_small : c.plan.users;
  const size_t total = small ? c.plan.ratings_small : c.plan.ratings;
  const size_t cap = std::max<size_t>(1, n * 3 / 5);
  p->per_user = ratings_per_user(users, total, small ? 20 : 1, cap, mix64(p->salt, 1));
  p->t_lo = small ? 828124615 : 789652009;
  p->t_hi = small ? 1476640644 : 1501829870;
  return p;
}

// Writes v in decimal at p; returns the end.
char* write_uint(char* p, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) *p++ = digits[--n];
  return p;
}

// Writes all ratings of one user (1-based id).
void append_user(std::string& out, const RatingsPlan& p, size_t user, std::vector<uint8_t>& taken,
                 std::vector<uint32_t>& picks) {
  Rng rng(mix64(p.salt, user));
  const size_t k = p.per_user[user - 1];
  const size_t n = p.movie_ids.size();
  picks.clear();
  for (size_t i = 0; i < k; ++i) {
    size_t x = p.movie.pick(rng);
    for (int retry = 0; taken[x] && retry < 4; ++retry) x = p.movie.pick(rng);
    // Heavy raters exhaust the popular movies: fall back to uniform picks
    // (a user rates at most 60% of the movies, so this ends quickly).
    while (taken[x]) x = rng.below(n);
    taken[x] = 1;
    picks.push_back(static_cast<uint32_t>(x));
  }
  for (uint32_t x : picks) taken[x] = 0;
  std::sort(picks.begin(), picks.end());
  // A few users rate a movie that links.csv does not know (sorted last).
  const bool unknown = user % 9973 == 17 && k > 0;

  const int64_t t0 = p.t_lo + static_cast<int64_t>(rng.below(static_cast<uint64_t>(p.t_hi - p.t_lo)));
  const int64_t room = p.t_hi - t0;
  const int64_t span = rng.below(10) < 7 ? std::min<int64_t>(room, 86400) : static_cast<int64_t>(rng.below(
                                                                                static_cast<uint64_t>(std::min<int64_t>(room, 94608000)) + 1));
  for (size_t i = 0; i < k; ++i) {
    const uint64_t movie_id = (unknown && i + 1 == k) ? p.unknown_base + user % 97 : p.movie_ids[picks[i]];
    const int64_t ts = t0 + static_cast<int64_t>(rng.below(static_cast<uint64_t>(span) + 1));
    uint64_t half_stars = p.stars.pick(rng);
    if (ts < kHalfStarsSince && half_stars % 2 == 1) ++half_stars;
    char row[64];
    char* end = write_uint(row, user);
    *end++ = ',';
    end = write_uint(end, movie_id);
    *end++ = ',';
    *end++ = static_cast<char>('0' + half_stars / 2);
    *end++ = '.';
    *end++ = half_stars % 2 ? '5' : '0';
    *end++ = ',';
    end = write_uint(end, static_cast<uint64_t>(ts));
    *end++ = '\n';
    out.append(row, end);
  }
}

}  // namespace

ChunkFn ratings_csv(std::shared_ptr<const Dataset> data, bool small) {
  auto plan = make_plan(*data, small);
  struct State {
    size_t next_user = 1;
    bool header_done = false;
    std::vector<uint8_t> taken;
    std::vector<uint32_t> picks;
  };
  auto st = std::make_shared<State>();
  st->taken.assign(plan->movie_ids.size(), 0);
  return [plan, st](std::string& out) {
    const size_t users = plan->per_user.size();
    if (st->header_done && st->next_user > users) return false;
    if (!st->header_done) {
      out.append("userId,movieId,rating,timestamp\n");
      st->header_done = true;
    }
    const size_t start = out.size();
    while (st->next_user <= users && out.size() - start < (4u << 20))
      append_user(out, *plan, st->next_user++, st->taken, st->picks);
    return true;
  };
}

}  // namespace mrun::moviegen
