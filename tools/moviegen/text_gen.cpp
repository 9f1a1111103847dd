#include "text_gen.h"

#include "vocab.h"

namespace mrun::moviegen {
namespace {

void append_capitalized(std::string& out, std::string_view word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') {
    out.push_back(static_cast<char>(word[0] - 'a' + 'A'));
    out.append(word.substr(1));
  } else {
    out.append(word);
  }
}

std::string_view english(Rng& rng) { return pick(english_words(), rng); }

}  // namespace

std::string make_title(Rng& rng) {
  std::string t;
  const uint64_t shape = rng.below(100);
  if (shape < 5) {  // possessive: Python repr then needs double quotes
    append_capitalized(t, pick(first_names(), rng));
    t.append("'s ");
    append_capitalized(t, english(rng));
  } else {
    if (shape < 30) t.append("The ");
    const uint64_t words = 1 + rng.below(3);
    for (uint64_t i = 0; i < words; ++i) {
      if (i) t.push_back(' ');
      append_capitalized(t, english(rng));
    }
  }
  const uint64_t tail = rng.below(100);
  if (tail < 6) {
    t.append(": ");
    append_capitalized(t, english(rng));
    t.append(" of the ");
    append_capitalized(t, english(rng));
  } else if (tail < 9) {
    t.append(tail == 6 ? " II" : tail == 7 ? " 2" : " Part III");
  }
  return t;
}

std::string make_foreign_title(Rng& rng) {
  std::string t(pick(foreign_words(), rng));
  if (rng.below(2)) {
    t.push_back(' ');
    t.append(pick(foreign_words(), rng));
  }
  return t;
}

std::string make_overview(Rng& rng, size_t min_chars) {
  std::string o;
  while (o.size() < min_chars) {
    if (!o.empty()) o.push_back(' ');
    const uint64_t words = 6 + rng.below(14);
    for (uint64_t i = 0; i < words; ++i) {
      if (i) o.push_back(i % 7 == 4 && rng.below(3) == 0 ? ',' : ' ');
      if (i % 7 == 4 && o.back() == ',') o.push_back(' ');
      const uint64_t kind = rng.below(100);
      if (i == 0) {
        append_capitalized(o, kind < 30 ? pick(first_names(), rng) : english(rng));
      } else if (kind < 4) {
        append_capitalized(o, pick(first_names(), rng));
        o.append("'s");
      } else if (kind < 6) {
        o.append(pick(foreign_words(), rng));
      } else if (kind < 7) {
        o.push_back('"');
        o.append(english(rng));
        o.push_back(' ');
        o.append(english(rng));
        o.push_back('"');
      } else if (kind < 9) {
        o.append(kind == 7 ? "don't" : "won't");
      } else {
        o.append(english(rng));
      }
    }
    o.push_back(rng.below(10) == 0 ? '!' : '.');
  }
  return o;
}

std::string make_tagline(Rng& rng) {
  std::string t;
  const uint64_t words = 2 + rng.below(6);
  for (uint64_t i = 0; i < words; ++i) {
    if (i) t.push_back(' ');
    if (i == 0) append_capitalized(t, english(rng));
    else t.append(english(rng));
  }
  const uint64_t end = rng.below(10);
  t.append(end < 5 ? "." : end < 7 ? "!" : end < 8 ? "... and never let go." : ", again.");
  if (rng.below(20) == 0) t.append(" It's not over.");
  return t;
}

std::string person_name(uint64_t seed, uint64_t person) {
  Rng rng(mix64(seed, person, 0x9e50));
  std::string n(pick(first_names(), rng));
  n.push_back(' ');
  if (rng.below(12) == 0) {
    n.push_back(static_cast<char>('A' + rng.below(26)));
    n.append(". ");
  }
  n.append(pick(last_names(), rng));
  return n;
}

int person_gender(uint64_t seed, uint64_t person) {
  const uint64_t x = mix64(seed, person, 0x9e4d) % 100;
  return x < 22 ? 0 : x < 50 ? 1 : 2;
}

std::string make_character(Rng& rng) {
  const uint64_t kind = rng.below(1000);
  std::string c;
  if (kind < 60) return kind < 40 ? "Himself" : "Herself";
  if (kind < 90) {  // a nickname in single quotes
    c.append(pick(first_names(), rng));
    c.append(" '");
    c.append(pick(first_names(), rng));
    c.append("' ");
    c.append(pick(last_names(), rng));
    return c;
  }
  if (kind < 93) {  // both quote kinds: Python escapes the apostrophe
    c.append(pick(first_names(), rng));
    c.append(" \"Cap'n\" ");
    c.append(pick(last_names(), rng));
    return c;
  }
  if (kind < 95) {
    append_capitalized(c, english(rng));
    c.append("\\");
    append_capitalized(c, english(rng));
    return c;
  }
  if (kind < 97) {  // no-break space, which Python's repr writes as \xa0
    c.append(pick(first_names(), rng));
    c.append("\xc2\xa0");
    c.append(pick(last_names(), rng));
    return c;
  }
  if (kind < 250) {
    append_capitalized(c, english(rng));
    c.push_back(' ');
    append_capitalized(c, english(rng));
  } else {
    c.append(pick(first_names(), rng));
    if (rng.below(2)) {
      c.push_back(' ');
      c.append(pick(last_names(), rng));
    }
  }
  if (rng.below(12) == 0) c.append(" (voice)");
  return c;
}

std::string keyword_name(uint64_t seed, uint64_t rank) {
  Rng rng(mix64(seed, rank, 0x6b77));
  const uint64_t kind = rng.below(100);
  std::string k;
  if (kind < 3) {
    k = "based on ";
    k.append(pick(first_names(), rng));
    k.append("'s ");
    k.append(english(rng));
  } else if (kind < 6) {
    k = pick(foreign_words(), rng);
  } else {
    k = english(rng);
    if (kind >= 40) {
      k.push_back(' ');
      k.append(english(rng));
    }
  }
  return k;
}

std::string company_name(uint64_t seed, uint64_t rank) {
  Rng rng(mix64(seed, rank, 0xc0));
  std::string n;
  const uint64_t kind = rng.below(100);
  if (kind < 8) {
    n.append(pick(foreign_words(), rng));
  } else if (kind < 12) {
    n.append(pick(last_names(), rng));
    n.append(" & ");
    n.append(pick(last_names(), rng));
  } else if (kind < 16) {
    append_capitalized(n, pick(first_names(), rng));
    n.append("'s ");
    append_capitalized(n, english(rng));
  } else {
    append_capitalized(n, english(rng));
    if (kind < 55) {
      n.push_back(' ');
      append_capitalized(n, english(rng));
    }
  }
  n.push_back(' ');
  n.append(pick(company_suffixes(), rng));
  return n;
}

void append_image_path(std::string& out, Rng& rng) {
  static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  out.push_back('/');
  uint64_t bits = rng.next();
  for (int i = 0; i < 27; ++i) {
    if (i == 10 || i == 20) bits = rng.next();
    out.push_back(kChars[bits % 62]);
    bits /= 62;
  }
  out.append(".jpg");
}

void append_credit_id(std::string& out, Rng& rng) {
  static const char kHex[] = "0123456789abcdef";
  uint64_t bits = rng.next();
  for (int i = 0; i < 24; ++i) {
    if (i == 16) bits = rng.next();
    out.push_back(kHex[bits & 0xF]);
    bits >>= 4;
  }
}

void append_slug(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
}

}  // namespace mrun::moviegen
