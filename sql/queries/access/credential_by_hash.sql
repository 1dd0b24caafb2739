-- credential_by_hash: a session's or token's row as stored (to write its revoked version).
-- Reads: user_credentials FINAL by its key.
-- Parameters:
--   secret_hash  String
-- Columns:
--   secret_hash String, kind String, user_id String, name String, created_at String, expires_at String
SELECT secret_hash, toString(kind) AS kind, user_id, name, toString(created_at) AS created_at, toString(expires_at) AS expires_at
FROM user_credentials FINAL
WHERE secret_hash = {secret_hash:String}
