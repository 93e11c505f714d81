-- The read replica's lag, measured as pt-heartbeat does: every node that reads from a replica writes the
-- primary's time here every few seconds; on the replica, its own time minus the copy it has is how far behind it is.
CREATE TABLE db_heartbeat (
  id TINYINT NOT NULL PRIMARY KEY,
  beat_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
