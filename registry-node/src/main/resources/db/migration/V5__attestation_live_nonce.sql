-- An attester's nonce is taken only by its attestations that are not failed. An attestation the
-- relayer failed with its nonce still unused on chain (its deadline passed before it could be sent,
-- or attestBySig reverted) frees that nonce: the attester signs a new attestation with it, a new row
-- with its own id and log leaf, next to the failed one (the log is append-only, so both stay).
--
-- live_nonce is the nonce while the attestation is not failed and NULL once it is; the uniqueness
-- of (attester, nonce) moves to it. NULLs are distinct in a UNIQUE constraint in both H2 and
-- PostgreSQL, so any number of failed rows may share a nonce with one live row. (A partial unique
-- index would say the same, but H2 has none.) Portable SQL: H2 and PostgreSQL.

ALTER TABLE attestations ADD COLUMN live_nonce NUMERIC(78,0);

UPDATE attestations SET live_nonce = nonce WHERE state <> 'FAILED';

ALTER TABLE attestations ADD CONSTRAINT attestations_live_nonce_state CHECK (
    (state = 'FAILED' AND live_nonce IS NULL)
    OR (state <> 'FAILED' AND live_nonce IS NOT NULL AND live_nonce = nonce));

ALTER TABLE attestations DROP CONSTRAINT attestations_attester_nonce;

ALTER TABLE attestations
    ADD CONSTRAINT attestations_attester_live_nonce UNIQUE (attester, live_nonce);

-- The relayer looks for an attester's failed attestations by nonce.
CREATE INDEX attestations_attester_nonce_any ON attestations (attester, nonce);
