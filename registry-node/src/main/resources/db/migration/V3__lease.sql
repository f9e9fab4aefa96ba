-- Leases: named roles that at most one node holds at a time, among the nodes sharing this
-- database. The node holding "leader" anchors (and settles); the others serve the API only.
-- A holder renews its lease well before expires_at; once expires_at has passed, any node may take
-- the lease over. Rows are created by the nodes on first use. (V2 is reserved for other work.)
CREATE TABLE leases (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200),                          -- the holding node's id; NULL once released
    term        BIGINT       NOT NULL,                 -- +1 at every change of holder
    acquired_at TIMESTAMP WITH TIME ZONE,              -- when the current holder took it
    renewed_at  TIMESTAMP WITH TIME ZONE,              -- the holder's latest renewal
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL      -- free for others from this instant on
);

-- The node that signed each anchor transaction: the lease holder at the time (NULL for anchors
-- stored before this migration, or by a store without a lease).
ALTER TABLE anchors ADD COLUMN signed_by VARCHAR(200);
