-- The red-flag screen now names bladder and bowel trouble as two concepts; a flag raised before
-- stays raised as both (the referral for either is the same emergency).
UPDATE users SET red_flags = replace(red_flags, '"bladder_bowel"', '"bladder","bowel"')
WHERE red_flags LIKE '%"bladder_bowel"%';
