-- Over half of every Nudge page stays free, so that leasing *every* row of a page in one claim is
-- still a HOT update (the new row version on the same page, no index touched). With fillfactor 70
-- a page held ~33 nudges and room for ~14 new versions: when one claim took all of them (nudges
-- written together fall due together) ~60 % of the lease updates were not HOT and inserted into
-- all four indexes, whose leaf pages at 1M rows are mostly not in shared_buffers, so the claim grew
-- with the table. 50 leaves just too little room (line pointers, alignment: ~1 row per page not
-- HOT); 45 makes all of them HOT. Measured with bench/reminder-sweep.ts (1,000 due of 10k):
-- 408 -> 1000 of 1000 lease updates HOT. Costs ~1.55x heap size for Nudge. Applies to pages
-- written from now on (existing pages get the room when rewritten, e.g. by VACUUM FULL).
ALTER TABLE "Nudge" SET (fillfactor = 45);
