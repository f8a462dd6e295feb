#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace tuoyu::test {

int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

const std::string& TestKeyFile() {
    static const std::string path = [] {
        const std::string file = TempFolder() + "/identity.key";
        std::random_device random;
        std::ostringstream hex;
        for (int i = 0; i < 8; ++i) {
            char word[9];
            std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(random()));
            hex << word;
        }
        std::ofstream(file) << hex.str() << '\n';
        return file;
    }();
    return path;
}

namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& log_path) {
    const std::string& key_file = TestKeyFile();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(TUOYU_BINARY));
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(log, 1);
        dup2(log, 2);
        // Every server and command of a test process shares one identity key unless the test says otherwise.
        setenv("TUOYU_KEY_FILE", key_file.c_str(), 0);
        for (const std::string& entry : env) {
            putenv(const_cast<char*>(entry.c_str()));
        }
        execv(TUOYU_BINARY, argv.data());
        _exit(127);
    }
    return pid;
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

ServerProcess::ServerProcess(std::string database_url, std::vector<std::string> extra_args) {
    log_path_ = TempFolder() + "/server.log";
    for (int attempt = 0; attempt < 3 && pid_ < 0; ++attempt) {
        port_ = FreePort();
        std::vector<std::string> args = {
            "serve",      "--database", database_url,   "--listen", "127.0.0.1:" + std::to_string(port_),
            "--web-root", "",           "--access-log", "off"};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        const pid_t pid = Spawn(args, {}, log_path_);
        base_url_ = "http://127.0.0.1:" + std::to_string(port_);
        HttpClient client(base_url_);
        for (int i = 0; i < 300; ++i) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                break;  // it exited: port taken, or a real failure (see the log)
            }
            if (client.Get("/api/v1/health").status == 200) {
                pid_ = pid;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    throw std::runtime_error("tuoyu serve did not start; its log:\n" + ReadFile(log_path_));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        Terminate();
    }
}

int ServerProcess::Terminate() {
    if (pid_ <= 0) {
        return -1;
    }
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
}

void ServerProcess::Kill() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

CommandResult RunTuoyu(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    const std::string log = TempFolder() + "/command.log";
    const pid_t pid = Spawn(args, env, log);
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(log)};
}

}  // namespace tuoyu::test
