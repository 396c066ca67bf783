"""The review sheets (reportgen/review/), one test module a sheet, on real output."""
