#include "cli_runner.h"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>
#include <pqxx/pqxx>

#include "test_database.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::test {

ProjectFixture::ProjectFixture(const std::string& name, const std::string& database) {
  fs::path source = name == "movies" ? fs::path(source_dir())
                                     : fs::path(source_dir()) / "runner" / "tests" / "projects" / name;
  fs::path target = fs::path(build_dir()) / "test-projects" / database;
  fs::remove_all(target);
  fs::create_directories(target);
  if (name == "movies") {
    for (const char* part : {"project.yml", "models", "macros", "seeds", "snapshots", "tests"}) {
      if (fs::exists(source / part)) fs::copy(source / part, target / part, fs::copy_options::recursive);
    }
  } else {
    fs::copy(source, target, fs::copy_options::recursive);
  }
  dir_ = target.string();
  url_ = fresh_database(database);
}

namespace {
std::vector<std::string> mrun_argv(const std::vector<std::string>& args, const std::string& dir) {
  std::vector<std::string> argv{mrun_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--project-dir");
  argv.push_back(dir);
  return argv;
}
}  // namespace

ProjectFixture::ProjectFixture(ProjectFixture&& other) noexcept
    : dir_(std::move(other.dir_)), url_(std::move(other.url_)), embedded_(other.embedded_) {
  other.embedded_ = false;
}

ProjectFixture::~ProjectFixture() {
  if (embedded_) run_process(mrun_argv({"pg", "stop"}, dir_));
}

void ProjectFixture::use_embedded_cluster() {
  ProcessResult started = run_process(mrun_argv({"pg", "start"}, dir_));
  if (started.exit_code != 0) throw std::runtime_error("mrun pg start failed:\n" + started.output);
  url_ = std::string(trim(started.output));
  embedded_ = true;
}

pid_t ProjectFixture::embedded_postmaster_pid() const {
  ProcessResult status = run_process(mrun_argv({"pg", "status"}, dir_));
  for (const auto& line : split(status.output, '\n')) {
    if (line.rfind("data dir:", 0) != 0 || status.exit_code != 0) continue;
    std::string data_dir(trim(line.substr(std::string("data dir:").size())));
    data_dir = data_dir.substr(0, data_dir.find("  ("));
    std::string pid_file = read_file(data_dir + "/postmaster.pid");
    return static_cast<pid_t>(std::stol(pid_file.substr(0, pid_file.find('\n'))));
  }
  return 0;
}

ProcessResult ProjectFixture::mrun(std::vector<std::string> args) const {
  if (!embedded_) setenv("MRUN_DATABASE_URL", url_.c_str(), 1);
  ProcessResult r = run_process(mrun_argv(args, dir_));
  unsetenv("MRUN_DATABASE_URL");
  return r;
}

BackgroundMrun ProjectFixture::start(std::vector<std::string> args) const {
  std::vector<std::string> argv = mrun_argv(args, dir_);
  std::string output = dir_ + "/background-output.txt";
  pid_t pid = fork();
  if (pid == 0) {
    if (!embedded_) setenv("MRUN_DATABASE_URL", url_.c_str(), 1);
    int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(out, 2);
    std::vector<char*> c_argv;
    for (auto& a : argv) c_argv.push_back(a.data());
    c_argv.push_back(nullptr);
    execv(c_argv[0], c_argv.data());
    _exit(127);
  }
  return BackgroundMrun(pid, output);
}

void BackgroundMrun::signal(int signal) const { kill(pid_, signal); }

ProcessResult BackgroundMrun::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.output = read_file(output_file_);
  return r;
}

std::string ProjectFixture::query_value(const std::string& sql) const {
  pqxx::connection conn(url_);
  pqxx::nontransaction tx(conn);
  auto r = tx.exec1(sql);
  return r[0].is_null() ? "" : r[0].c_str();
}

void ProjectFixture::write(const std::string& relative_path, const std::string& content) const {
  write_file_atomic((fs::path(dir_) / relative_path).string(), content);
}

void ProjectFixture::remove(const std::string& relative_path) const { fs::remove(fs::path(dir_) / relative_path); }

std::string output_of(const ProcessResult& r) { return "exit " + std::to_string(r.exit_code) + "\n" + r.output; }

}  // namespace mrun::test
