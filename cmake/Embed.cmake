# tuoyu_embed(OUTPUT var FUNCTION name HEADER path NAMESPACE ns INPUTS files…): generate a C++
# source holding the files' texts and put its path in var.
function(tuoyu_embed)
    cmake_parse_arguments(ARG "" "OUTPUT;FUNCTION;HEADER;NAMESPACE" "INPUTS" ${ARGN})
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/${ARG_FUNCTION}.cpp)
    # A list of several files must reach the script as one argument: keep its ';' past the shell.
    string(REPLACE ";" "$<SEMICOLON>" inputs "${ARG_INPUTS}")
    add_custom_command(
        OUTPUT ${generated}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} "-DINPUTS=${inputs}" -DHEADER=${ARG_HEADER}
                -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION} -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFiles.cmake
        DEPENDS ${ARG_INPUTS} ${CMAKE_SOURCE_DIR}/cmake/EmbedFiles.cmake
        COMMENT "Embedding ${ARG_FUNCTION}"
        VERBATIM)
    set(${ARG_OUTPUT} ${generated} PARENT_SCOPE)
endfunction()
