-- GET /healthz as the baseline: the same bookkeeping as the check-in run, so the ratio is fair.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")
