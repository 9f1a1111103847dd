#include "jinja/lorem_ipsum.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

constexpr const char* kWords[] = {
    "lorem",     "ipsum",   "dolor",       "sit",        "amet",     "consectetur", "adipiscing", "elit",
    "sed",       "do",      "eiusmod",     "tempor",     "incididunt", "ut",        "labore",     "et",
    "dolore",    "magna",   "aliqua",      "enim",       "ad",       "minim",       "veniam",     "quis",
    "nostrud",   "exercitation", "ullamco", "laboris",   "nisi",     "aliquip",     "ex",         "ea",
    "commodo",   "consequat", "duis",      "aute",       "irure",    "in",          "reprehenderit", "voluptate",
    "velit",     "esse",    "cillum",      "fugiat",     "nulla",    "pariatur",    "excepteur",  "sint",
    "occaecat",  "cupidatat", "non",       "proident",   "sunt",     "culpa",       "qui",        "officia",
    "deserunt",  "mollit",  "anim",        "id",         "est",      "laborum"};

int64_t int_argument(CallArgs& args, size_t position, const char* name, int64_t fallback) {
  Value v = args.get(position, name, Value(fallback));
  if (!v.is_int()) throw EvalError(std::string("lipsum: ") + name + " must be an integer");
  return v.as_int();
}

}  // namespace

Value lorem_ipsum(CallArgs& args) {
  int64_t paragraphs = int_argument(args, 0, "n", 5);
  bool html = args.get(1, "html", Value(true)).truthy();
  int64_t least = int_argument(args, 2, "min", 20);
  int64_t most = int_argument(args, 3, "max", 100);
  if (least >= most) throw EvalError("lipsum: empty range for the number of words (min must be below max)");
  if (paragraphs > 100000 || most > 1000000) throw EvalError("lipsum: too much text asked for");
  static thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<size_t> word_of(0, std::size(kWords) - 1);
  std::uniform_int_distribution<long long> length_of(least, most - 1);
  std::uniform_int_distribution<int> sentence_of(8, 18);
  std::string out;
  for (long long p = 0; p < paragraphs; ++p) {
    std::string text;
    long long words = length_of(random);
    int until_stop = sentence_of(random);
    bool capital = true;
    for (long long w = 0; w < words; ++w) {
      std::string word = kWords[word_of(random)];
      if (capital) word[0] = static_cast<char>(word[0] - 'a' + 'A');
      capital = false;
      if (--until_stop == 0 && w + 1 < words) {
        word += '.';
        capital = true;
        until_stop = sentence_of(random);
      }
      text += (w ? " " : "") + word;
    }
    if (text.empty() || text.back() != '.') text += '.';
    if (html) {
      out += (p ? "\n" : "") + std::string("<p>") + text + "</p>";
    } else {
      out += (p ? "\n\n" : "") + text;
    }
  }
  return html ? Value::safe_string(std::move(out)) : Value(std::move(out));
}

}  // namespace mrun::jinja
