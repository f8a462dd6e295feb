# Use ccache when it is installed: rebuilds after `git checkout` are then mostly cache hits.
find_program(TUOYU_CCACHE ccache)
if(TUOYU_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${TUOYU_CCACHE}")
    set(CMAKE_C_COMPILER_LAUNCHER "${TUOYU_CCACHE}")
endif()
