-- users_list: every user, without password hashes, by role and log-in name.
-- Reads: users FINAL (small).
-- Parameters: none
-- Columns:
--   user_id String, login String, display_name String, role String, home_unit_code String, disabled UInt8,
--   created_at String, updated_at String
SELECT user_id, login, display_name, toString(role) AS role, home_unit_code, disabled, toString(created_at) AS created_at, toString(updated_at) AS updated_at
FROM users FINAL
ORDER BY role, login
