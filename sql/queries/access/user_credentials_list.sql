-- user_credentials_list: a user's API tokens and sessions in force (never their secrets).
-- Reads: user_credentials FINAL (small).
-- Parameters:
--   user_id  String
-- Columns:
--   kind String, name String, created_at String, expires_at String, secret_hint String
SELECT toString(c.kind) AS kind, c.name AS name, toString(c.created_at) AS created_at, toString(c.expires_at) AS expires_at,
       substring(c.secret_hash, 1, 8) AS secret_hint
FROM user_credentials AS c FINAL
WHERE c.user_id = {user_id:String} AND c.revoked = 0 AND c.expires_at > now64(3)
ORDER BY c.created_at DESC
