-- user_by_login: the current version of a user, by log-in name (lower case).
-- Reads: users FINAL (small: one row per user).
-- Parameters:
--   login  String
-- Columns:
--   user_id String, login String, display_name String, role String, home_unit_code String, password_hash String,
--   disabled UInt8, created_at String
SELECT user_id, login, display_name, toString(role) AS role, home_unit_code, password_hash, disabled, toString(created_at) AS created_at
FROM users FINAL
WHERE login = {login:String}
LIMIT 1
