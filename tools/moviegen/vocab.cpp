#include "vocab.h"

#include <array>

namespace mrun::moviegen {
namespace {

using namespace std::string_view_literals;

// Weights: genre counts in the full real file.
constexpr IdName kGenres[] = {
    {28, "Action", 6596},          {12, "Adventure", 3496},  {16, "Animation", 1935},
    {35, "Comedy", 13182},         {80, "Crime", 4307},      {99, "Documentary", 3932},
    {18, "Drama", 20265},          {10751, "Family", 2770},  {14, "Fantasy", 2313},
    {36, "History", 1398},         {27, "Horror", 4673},     {10402, "Music", 1598},
    {9648, "Mystery", 2467},       {10749, "Romance", 6735}, {878, "Science Fiction", 3049},
    {10770, "TV Movie", 767},      {53, "Thriller", 7624},   {10752, "War", 1323},
    {37, "Western", 1042},         {10769, "Foreign", 1622},
};

constexpr IdName kFamousCompanies[] = {
    {6194, "Warner Bros.", 0},
    {4, "Paramount Pictures", 0},
    {33, "Universal Pictures", 0},
    {306, "Twentieth Century Fox Film Corporation", 0},
    {8411, "Metro-Goldwyn-Mayer (MGM)", 0},
    {5, "Columbia Pictures", 0},
    {14, "Miramax Films", 0},
    {12, "New Line Cinema", 0},
    {559, "TriStar Pictures", 0},
    {9195, "Touchstone Pictures", 0},
    {2, "Walt Disney Pictures", 0},
    {60, "United Artists", 0},
    {441, "Columbia Pictures Corporation", 0},
    {915, "Hollywood Pictures", 0},
    {1382, "PolyGram Filmed Entertainment", 0},
    {3166, "Walt Disney Productions", 0},
    {5358, "Canal+", 0},
    {181, "Channel Four Films", 0},
    {97, "Castle Rock Entertainment", 0},
    {508, "Regency Enterprises", 0},
    {56, "Amblin Entertainment", 0},
    {8, "Fine Line Features", 0},
    {41, "Orion Pictures", 0},
    {6, "RKO Radio Pictures", 0},
    {10210, "Morgan Creek Productions", 0},
    {43, "Fox Searchlight Pictures", 0},
    {23, "Imagine Entertainment", 0},
    {10201, "Interscope Communications", 0},
    {104, "Gaumont", 0},
    {882, "Tōhō", 0},
    {10342, "Studio Ghibli", 0},
    {694, "Studio Babelsberg", 0},
    {591, "France 3 Cinéma", 0},
    {3268, "Lions Gate Films", 0},
    {1632, "Lionsgate", 0},
    {7295, "Carolco Pictures", 0},
    {11176, "Carousel Productions", 0},
    {5822, "Dino De Laurentiis Company", 0},
    {7505, "Marvel Entertainment", 0},
    {420, "Marvel Studios", 0},
};

constexpr CodeName kCountries[] = {
    {"US", "United States of America", 21153}, {"GB", "United Kingdom", 4094},
    {"FR", "France", 3940},  {"DE", "Germany", 2254},  {"IT", "Italy", 2169},
    {"CA", "Canada", 1765},  {"JP", "Japan", 1648},    {"ES", "Spain", 964},
    {"RU", "Russia", 912},   {"IN", "India", 828},     {"HK", "Hong Kong", 595},
    {"SE", "Sweden", 530},   {"AU", "Australia", 526}, {"KR", "South Korea", 514},
    {"BE", "Belgium", 417},  {"DK", "Denmark", 384},   {"FI", "Finland", 365},
    {"CN", "China", 300},    {"NL", "Netherlands", 271}, {"CH", "Switzerland", 269},
    {"BR", "Brazil", 250},   {"MX", "Mexico", 245},    {"AT", "Austria", 230},
    {"PL", "Poland", 220},   {"IE", "Ireland", 200},   {"AR", "Argentina", 190},
    {"NO", "Norway", 170},   {"CZ", "Czech Republic", 150}, {"HU", "Hungary", 140},
    {"TW", "Taiwan", 120},   {"TR", "Turkey", 110},    {"GR", "Greece", 100},
    {"IR", "Iran", 90},      {"PT", "Portugal", 80},   {"NZ", "New Zealand", 80},
    {"IL", "Israel", 60},    {"ZA", "South Africa", 60}, {"RO", "Romania", 50},
    {"IS", "Iceland", 40},   {"CU", "Cuba", 30},       {"LU", "Luxembourg", 30},
    {"MK", "Macedonia", 20}, {"VN", "Vietnam", 20},    {"CI", "Cote D'Ivoire", 8},
    {"BW", "Botswana", 5},   {"LI", "Liechtenstein", 5},
};

// Native names exactly as TMDB has them, including its oddities ('Pусский'
// starts with a Latin P; some languages have an empty name).
constexpr CodeName kLanguages[] = {
    {"en", "English", 28750}, {"fr", "Français", 4196},  {"es", "Español", 3210},
    {"de", "Deutsch", 2627},  {"it", "Italiano", 2420},  {"ja", "日本語", 1760},
    {"ru", "Pусский", 1620},  {"zh", "普通话", 900},      {"hi", "हिन्दी", 620},
    {"pt", "Português", 600}, {"ar", "العربية", 400},    {"ko", "한국어/조선말", 600},
    {"cn", "广州话 / 廣州話", 380}, {"sv", "svenska", 450}, {"pl", "Polski", 350},
    {"cs", "Český", 300},     {"hu", "Magyar", 300},     {"la", "Latin", 250},
    {"tr", "Türkçe", 280},    {"el", "ελληνικά", 200},   {"he", "עִבְרִית", 180},
    {"th", "ภาษาไทย", 150},   {"da", "Dansk", 250},      {"fi", "suomi", 250},
    {"nl", "Nederlands", 280}, {"no", "Norsk", 200},     {"fa", "فارسی", 150},
    {"ro", "Română", 120},    {"vi", "Tiếng Việt", 100}, {"is", "Íslenska", 50},
    {"sk", "Slovenčina", 50}, {"uk", "Український", 60}, {"bn", "বাংলা", 60},
    {"yi", "", 60},           {"gd", "", 20},            {"xx", "No Language", 400},
};

constexpr CrewJob kCrewJobs[] = {
    {"Directing", "Director", 40},           {"Writing", "Screenplay", 25},
    {"Writing", "Writer", 15},               {"Writing", "Novel", 6},
    {"Production", "Producer", 35},          {"Production", "Executive Producer", 20},
    {"Production", "Casting", 12},           {"Production", "Co-Producer", 5},
    {"Editing", "Editor", 22},               {"Camera", "Director of Photography", 18},
    {"Sound", "Original Music Composer", 14}, {"Sound", "Sound Re-Recording Mixer", 8},
    {"Art", "Production Design", 9},         {"Art", "Art Direction", 8},
    {"Art", "Set Decoration", 7},            {"Costume & Make-Up", "Costume Design", 9},
    {"Costume & Make-Up", "Makeup Artist", 6}, {"Visual Effects", "Animation", 6},
    {"Visual Effects", "Visual Effects Supervisor", 4}, {"Crew", "Stunts", 5},
    {"Crew", "Thanks", 5},                   {"Lighting", "Gaffer", 3},
    {"Directing", "Script Supervisor", 5},   {"Camera", "Still Photographer", 6},
};

constexpr CodeName kStatuses[] = {
    {"Released", "", 450140}, {"Rumored", "", 2300}, {"Post Production", "", 980},
    {"In Production", "", 200}, {"Planned", "", 150}, {"Canceled", "", 20}, {"", "", 870},
};

constexpr std::string_view kEnglishWords[] = {
    "love", "night", "last", "dead", "man", "woman", "girl", "boy", "house", "war", "city", "king",
    "story", "life", "day", "world", "blood", "dark", "heart", "star", "secret", "time", "return",
    "family", "dream", "road", "game", "death", "island", "moon", "fire", "summer", "winter", "ghost",
    "black", "white", "red", "blue", "little", "big", "long", "lost", "wild", "young", "golden",
    "river", "mountain", "sea", "shadow", "angel", "devil", "hunter", "killer", "queen", "prince",
    "soldier", "doctor", "detective", "journey", "escape", "revenge", "murder", "paradise", "storm",
    "train", "ship", "street", "school", "party", "wedding", "holiday", "christmas", "monster",
    "dragon", "robot", "machine", "planet", "space", "legend", "truth", "promise", "silence", "voice",
    "song", "dance", "music", "money", "gold", "diamond", "mission", "operation", "agent", "spy",
    "friend", "brother", "sister", "father", "mother", "daughter", "son", "children", "town",
    "country", "west", "east", "north", "south", "empire", "kingdom", "highway", "border", "bridge",
    "garden", "forest", "desert", "ocean", "window", "mirror", "door", "letter", "picture", "film",
    "hotel", "prison", "hospital", "church", "office", "farm", "ranch", "circus", "club", "band",
    "teacher", "lawyer", "pilot", "sheriff", "outlaw", "thief", "priest", "witch", "vampire", "zombie",
    "alien", "hero", "stranger", "neighbor", "lover", "wife", "husband", "widow", "orphan", "rebel",
};

constexpr std::string_view kForeignWords[] = {
    "Amélie", "Été", "Cœur", "Liberté", "Château", "Mère", "Noël", "Fräulein", "Straße", "Mädchen",
    "Öl", "Über", "Niño", "Señor", "Corazón", "Año", "Città", "Perché", "Ōkami", "Tōkyō", "Ōsaka",
    "北京", "上海", "香港", "愛", "夜", "七人の侍", "東京物語", "千と千尋", "武士", "Москва", "Любовь",
    "Война", "Ночь", "사랑", "서울", "밤", "Ελλάδα", "Αθήνα", "İstanbul", "Kraków", "Łódź", "Dvořák",
    "Ångström", "Smørrebrød", "København", "Ísland", "Çay", "São Paulo", "Ação", "Coração", "naïve",
    "café", "déjà vu", "fiancée", "divorcée", "Zoë", "Björk", "Göteborg", "Český", "Žižkov",
};

constexpr std::string_view kFirstNames[] = {
    "John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony",
    "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew",
    "Donna", "Joshua", "Michelle", "Kenneth", "Dorothy", "Kevin", "Carol", "Brian", "Amanda",
    "George", "Melissa", "Edward", "Deborah", "Tom", "Tim", "Annie", "Wallace", "Penn", "Whitney",
    "Angela", "Loretta", "Jean", "Pierre", "François", "Amélie", "Hélène", "Agnès", "Jérôme",
    "José", "María", "Sofía", "Ramón", "Jürgen", "Günter", "Jörg", "Søren", "Bjørn", "Åsa",
    "Zoë", "Chloë", "Łukasz", "Wojciech", "Miloš", "Dušan", "Ōshima", "Takeshi", "Yūko", "Hiroshi",
    "Akira", "Yasujirō", "Zhang", "Wei", "Gong", "Ji-woo", "Min-sik", "Ivan", "Olga", "Sergei",
    "Natalya", "Ingmar", "Liv", "Federico", "Sophia", "Marcello", "Giulietta", "Alain", "Catherine",
    "Isabelle", "Gérard", "Juliette", "Sean", "Siobhán", "Niamh", "Seán", "Dermot", "Aoife",
};

constexpr std::string_view kLastNames[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
    "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
    "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Hanks", "Allen", "Rickles", "Varney", "Shawn", "Ratzenberger", "Potts", "Metcalf",
    "O'Brien", "O'Connor", "O'Hara", "D'Angelo", "D'Onofrio", "O'Toole", "Dell'Orefice", "L'Amour",
    "Müller", "Schröder", "Weiß", "Höfler", "Ørnås", "Sjöström", "Bergström", "Åkesson", "Nykvist",
    "Dvořák", "Kieślowski", "Wajda", "Żuławski", "Forman", "Kusturica", "Đorđević", "Tarkovsky",
    "Тарковский", "Эйзенштейн", "Kurosawa", "Ozu", "Mizoguchi", "Miyazaki", "黒澤", "小津", "宮崎",
    "Zhang", "Gong", "Wong", "張", "王", "Park", "Kim", "박", "김", "Fellini", "Mastroianni",
    "Loren", "Truffaut", "Godard", "Deneuve", "Huppert", "Depardieu", "Binoche", "Almodóvar",
    "Bardem", "Cruz", "García", "Núñez", "Peña", "Gonçalves", "Conceição", "Bergman", "Ullmann",
    "von Trier", "van Dyke", "de Niro", "da Silva", "MacLeod", "McCauley", "Ó Súilleabháin",
};

constexpr std::string_view kCompanySuffixes[] = {
    "Pictures", "Films", "Productions", "Entertainment", "Studios", "Film Corporation", "Media",
    "Company", "Film", "Filmproduktion", "Cinéma", "Producciones", "Produzioni", "Film Group",
    "Features", "Releasing", "Television", "Animation", "Films Inc.", "Motion Pictures", "Studio",
};

}  // namespace

std::span<const IdName> genres() { return kGenres; }
std::span<const IdName> famous_companies() { return kFamousCompanies; }
std::span<const CodeName> countries() { return kCountries; }
std::span<const CodeName> languages() { return kLanguages; }
std::span<const CrewJob> crew_jobs() { return kCrewJobs; }
std::span<const CodeName> statuses() { return kStatuses; }
std::span<const std::string_view> english_words() { return kEnglishWords; }
std::span<const std::string_view> foreign_words() { return kForeignWords; }
std::span<const std::string_view> first_names() { return kFirstNames; }
std::span<const std::string_view> last_names() { return kLastNames; }
std::span<const std::string_view> company_suffixes() { return kCompanySuffixes; }

}  // namespace mrun::moviegen
