#pragma once

#include <string>
#include <vector>

namespace tuoyu {

// A file compiled into the binary (migrations, demo data) so that one executable is all a
// deployment needs.
struct EmbeddedFile {
    std::string file_name;
    std::string text;
};

}  // namespace tuoyu
