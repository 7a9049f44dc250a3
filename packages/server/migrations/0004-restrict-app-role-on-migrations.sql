-- The application role reads which migrations ran but never records or rewrites them.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM dermis_app;
