#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace tuoyu::jobs {

// How far a long piece of work has got: a phase that a client translates ("parsing", "checking",
// "writing" …), the rows done of the rows in that phase (0 when not known yet), and a note.
struct Progress {
    std::string phase;
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    std::string message;
};

// Called by the work now and then, every so many rows rather than per row: a background job
// records it for clients to poll, the command line prints it. The job runner's reporter throws
// Aborted once the server is stopping, so the work unwinds and its transaction rolls back.
using ProgressFn = std::function<void(const Progress&)>;

class Aborted : public std::runtime_error {
  public:
    Aborted() : std::runtime_error("the job was aborted because the server is stopping") {}
};

}  // namespace tuoyu::jobs
