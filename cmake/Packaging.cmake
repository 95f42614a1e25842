# Installation layout and the Debian package (scripts/package runs CPack's DEB generator).
# The version is the project's (CMakeLists.txt), which `yrkesok --version` prints too.
#
#   /usr/bin/yrkesok                      the program
#   /usr/share/man/man1/yrkesok*.1.gz     man pages, made from its --help (deploy/man)
#   /usr/share/bash-completion/...        completion from its --help (deploy/bash-completion)
#   /usr/share/yrkesok/web, corpus        the search page; vocabularies, synonyms, sample corpus
#   /etc/yrkesok/yrkesok.conf             a conffile (deploy/yrkesok.conf)
#   /lib/systemd/system/yrkesok*.service  the server, and the index update with its timer
#   /usr/share/doc/yrkesok/               copyright, changelog, examples (nginx in front)

# Who answers for the package: set it to a real address when building for a site.
set(YRKESOK_PACKAGE_MAINTAINER "Yrkesøk developers <yrkesok@example.org>" CACHE STRING
  "Maintainer field of the Debian package")

# Installing never rebuilds: scripts/package builds what it installs first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

find_program(YRKESOK_HELP2MAN help2man)
set(man_dir ${PROJECT_BINARY_DIR}/man)
if(YRKESOK_HELP2MAN)
  add_custom_command(
    OUTPUT ${man_dir}/yrkesok.1.gz
    COMMAND ${PROJECT_SOURCE_DIR}/deploy/man/make-man-pages $<TARGET_FILE:yrkesok>
      ${PROJECT_VERSION} ${man_dir}
    DEPENDS yrkesok ${PROJECT_SOURCE_DIR}/deploy/man/make-man-pages
    COMMENT "Man pages from yrkesok --help"
    VERBATIM)
  add_custom_target(yrkesok_man ALL DEPENDS ${man_dir}/yrkesok.1.gz)
  install(DIRECTORY ${man_dir}/ DESTINATION share/man/man1 FILES_MATCHING PATTERN "*.1.gz")
endif()

install(TARGETS yrkesok RUNTIME DESTINATION bin)
install(FILES deploy/bash-completion/yrkesok DESTINATION share/bash-completion/completions)
install(DIRECTORY web/ DESTINATION share/yrkesok/web)
install(FILES corpus/occupations.jsonl corpus/sectors.txt corpus/education_levels.tsv
  corpus/synonyms.tsv corpus/README.md DESTINATION share/yrkesok/corpus)
install(FILES deploy/yrkesok.conf DESTINATION /etc/yrkesok)
install(FILES deploy/systemd/yrkesok.service deploy/systemd/yrkesok-index.service
  deploy/systemd/yrkesok-index.timer DESTINATION /lib/systemd/system)

# Debian wants the changelog and the man pages compressed with gzip -9n.
configure_file(deploy/debian/changelog.in ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/debian/changelog.gz
  COMMAND gzip -9nc ${PROJECT_BINARY_DIR}/debian/changelog > ${PROJECT_BINARY_DIR}/debian/changelog.gz
  DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog)
add_custom_target(yrkesok_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/debian/changelog.gz deploy/debian/copyright
  DESTINATION share/doc/yrkesok)
install(FILES deploy/nginx/yrkesok.conf DESTINATION share/doc/yrkesok/examples
  RENAME nginx.conf)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME yrkesok)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT ${YRKESOK_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for Norwegian occupation descriptions")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Yrkesøk indexes occupation descriptions in bokmål and nynorsk (title, text,
STYRK-08 code, sectors, education levels) with a Norwegian analysis chain
(lemmas, compound parts, hyphen ellipsis, bokmål/nynorsk variants) on Xapian,
and serves a JSON search API with facets, snippets and spelling correction,
a Meilisearch-compatible subset and a search page over HTTP. Includes a
systemd service, an hourly index update and a sample corpus.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries the binary links, as dpkg-shlibdeps computes them; besides them, the
# hunspell dictionaries, word lists and the nynorsk <-> bokmål dictionary the analysis chain
# reads at run time, and adduser for the system user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-no, wnorwegian, apertium-nno-nob, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles
  ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
  ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
  ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/package)
include(CPack)
