-- Leave room in every Nudge page so leasing a nudge (lockedBy / lockedUntil / updatedAt, none of
-- them indexed) is a HOT update: the new row version stays on its page and no index is touched.
-- The reminder sweep's claim then costs the same with 10k or 1M pending rows. Applies to pages
-- written from now on (existing pages get the room when rewritten, e.g. by VACUUM FULL).
ALTER TABLE "Nudge" SET (fillfactor = 70);
