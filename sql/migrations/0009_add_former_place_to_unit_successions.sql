-- The former district and province of a unit that became part of a new one: citizens still write
-- "xã Tân Lập, huyện Đan Phượng", and the same former name occurs in many districts.
ALTER TABLE unit_successions ADD COLUMN IF NOT EXISTS from_district String DEFAULT '' AFTER from_name;
ALTER TABLE unit_successions ADD COLUMN IF NOT EXISTS from_province String DEFAULT '' AFTER from_district;
