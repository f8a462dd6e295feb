#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace tuoyu::test {

// Runs the real `tuoyu` binary. Serve() starts `tuoyu serve` on a free 127.0.0.1 port and waits
// until /api/v1/health answers; the destructor stops it with SIGTERM (and SIGKILL if it hangs).
class ServerProcess {
  public:
    explicit ServerProcess(std::string database_url, std::vector<std::string> extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    const std::string& base_url() const { return base_url_; }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& log_path() const { return log_path_; }

    int Terminate();  // SIGTERM, wait; returns the exit status (or -1)
    void Kill();      // SIGKILL, as a crash would

  private:
    std::string base_url_;
    std::string log_path_;
    int port_ = 0;
    pid_t pid_ = -1;
};

struct CommandResult {
    int exit_code = -1;
    std::string output;  // standard output and standard error together
};

// The identity key file that every `tuoyu` a test starts is given (TUOYU_KEY_FILE), made once per process.
const std::string& TestKeyFile();

// Runs `tuoyu ARGS…` to completion.

CommandResult RunTuoyu(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

int FreePort();

}  // namespace tuoyu::test
