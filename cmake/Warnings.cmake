# Warnings as errors on our own targets only; third-party headers come in as SYSTEM includes.
function(tuoyu_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
        -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
        -Wimplicit-fallthrough -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        # GCC 12's optimiser reports -Wrestrict on plain std::string concatenation (GCC bug 105651).
        target_compile_options(${target} PRIVATE -Wno-restrict)
        # …and, in optimised builds, -Wnull-dereference inside inlined libstdc++ and Asio code.
        if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
            target_compile_options(${target} PRIVATE -Wno-null-dereference)
        endif()
    endif()
endfunction()

# For targets that include RESTinio: at -O2 GCC 12 reports -Wnull-dereference inside inlined Asio
# code, which a SYSTEM include does not silence (the warning is issued where it is inlined).
function(tuoyu_asio_warnings target)
    target_compile_options(${target} PRIVATE -Wno-null-dereference)
endfunction()
