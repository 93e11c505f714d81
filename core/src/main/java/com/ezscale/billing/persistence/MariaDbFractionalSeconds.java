package com.ezscale.billing.persistence;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.interceptors.ConnectionLifecycleInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.a.NativeCapabilities;
import com.mysql.cj.protocol.a.NativePacketPayload;
import java.sql.Savepoint;
import java.util.Properties;

/**
 * Keeps the microseconds of every instant written through Connector/J to a MariaDB server.
 *
 * <p>Why they were lost: Connector/J decides once per connection, from the version in the server's
 * handshake, whether the server stores fractional seconds (MySQL 5.6.4 and later); if not, it
 * truncates every {@code Timestamp}, {@code LocalDateTime} and {@code Instant} it binds to whole
 * seconds. MariaDB 10.x announces itself as {@code 5.5.5-10.11.x-MariaDB} (a prefix kept for old
 * replication clients), which Connector/J reads as 5.5.5: {@code DATETIME(6)} columns got
 * {@code .000000}, and Spring Batch's start and end times lost their durations. MariaDB 11 dropped
 * the prefix, and MySQL 8 never had it, so neither is touched here.
 *
 * <p>What this does: it is registered on every connection by the driver property
 * {@code connectionLifecycleInterceptors} (see {@code conf/application.yml}); when the connection
 * is to a MariaDB server (every MariaDB since 5.3 stores microseconds) whose handshake version
 * reads below 5.6.4, it gives the session capabilities read from the same handshake that say so.
 */
public final class MariaDbFractionalSeconds implements ConnectionLifecycleInterceptor {

    @Override
    public ConnectionLifecycleInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        try {
            ServerSession session = ((JdbcConnection) connection).getSession().getServerSession();
            if (session.getCapabilities() instanceof NativeCapabilities capabilities
                    && !capabilities.serverSupportsFracSecs()
                    && capabilities.getServerVersion().toString().contains("MariaDB")) {
                session.setCapabilities(Fractional.of(capabilities));
            }
        } catch (RuntimeException e) {
            log.logWarn("cannot tell Connector/J that this MariaDB server keeps fractional seconds: " + e);
        }
        return this;
    }

    /** The server's capabilities as its handshake gave them, with fractional seconds. */
    private static final class Fractional extends NativeCapabilities {

        private Fractional(NativePacketPayload handshake) {
            super(handshake);
        }

        static Fractional of(NativeCapabilities original) {
            NativePacketPayload handshake = original.getInitialHandshakePacket();
            int position = handshake.getPosition();
            handshake.setPosition(0);
            Fractional copy;
            try {
                copy = new Fractional(handshake);
            } finally {
                handshake.setPosition(position);
            }
            copy.setCapabilityFlags(original.getCapabilityFlags());
            copy.setThreadId(original.getThreadId());
            return copy;
        }

        @Override
        public boolean serverSupportsFracSecs() {
            return true;
        }
    }

    @Override
    public void destroy() {}

    @Override
    public void close() {}

    @Override
    public boolean commit() {
        return true;
    }

    @Override
    public boolean rollback() {
        return true;
    }

    @Override
    public boolean rollback(Savepoint savepoint) {
        return true;
    }

    @Override
    public boolean setAutoCommit(boolean flag) {
        return true;
    }

    @Override
    public boolean setDatabase(String db) {
        return true;
    }

    @Override
    public boolean transactionBegun() {
        return true;
    }

    @Override
    public boolean transactionCompleted() {
        return true;
    }
}
