-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the first answer to each key, so
-- that a repeated POST is answered the same without a second effect. Portable SQL: H2 and
-- PostgreSQL.
--
-- A row with a NULL status is a request still in flight. Rows are kept 24 hours, then deleted
-- lazily by the node; an in-flight row whose node died is taken over after a lease.

CREATE TABLE idempotency_keys (
    principal      VARCHAR(128)  NOT NULL,  -- admin, operator or peer:<address>
    request_method VARCHAR(16)   NOT NULL,
    request_path   VARCHAR(2048) NOT NULL,
    idem_key       VARCHAR(255)  NOT NULL,  -- printable ASCII, as the client sent it
    request_sha256 VARCHAR(66)   NOT NULL,  -- fingerprint of the request's content
    status         INT,                     -- NULL while the first request is in flight
    content_type   VARCHAR(255),
    location       VARCHAR(2048),
    body           BYTEA,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, request_method, request_path, idem_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
