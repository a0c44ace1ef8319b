-- Keys may expire (CLI `keys create --expires-in 30d`); null: valid until revoked. Checked by the service
-- (ApiKeyRecord.StatusAt) on every request, like revoked_at.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP;
