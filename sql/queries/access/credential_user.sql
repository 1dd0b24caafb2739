-- credential_user: the user a session cookie or API token belongs to, if it is neither revoked nor expired and the
-- user is not disabled.
-- Reads: user_credentials FINAL by its key, users FINAL (small).
-- Parameters:
--   secret_hash  String  SHA-256 (hex) of the secret
-- Columns:
--   kind String, name String, expires_at String, user_id String, login String, display_name String, role String,
--   home_unit_code String
SELECT toString(c.kind) AS kind, c.name AS name, toString(c.expires_at) AS expires_at,
       u.user_id AS user_id, u.login AS login, u.display_name AS display_name, toString(u.role) AS role, u.home_unit_code AS home_unit_code
FROM (
    SELECT kind, name, expires_at, user_id
    FROM user_credentials FINAL
    WHERE secret_hash = {secret_hash:String} AND revoked = 0 AND expires_at > now64(3)
) AS c
INNER JOIN (SELECT user_id, login, display_name, role, home_unit_code FROM users FINAL WHERE disabled = 0) AS u ON u.user_id = c.user_id
LIMIT 1
