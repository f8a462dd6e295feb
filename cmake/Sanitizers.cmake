option(TUOYU_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(TUOYU_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
        # SOCI's shared library does not export the typeinfo that the vptr check needs.
        -fno-sanitize=vptr)
    add_link_options(-fsanitize=address,undefined)
endif()
