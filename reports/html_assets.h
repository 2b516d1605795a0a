/* The report's style sheet and script: reports/report.css and
 * reports/report.js, embedded at build time (reports/meson.build). */
#ifndef ACTBENCH_HTML_ASSETS_H
#define ACTBENCH_HTML_ASSETS_H

extern const char report_style_sheet[];
extern const char report_script[];

#endif
