package io.airm.node.http;

/**
 * Who sent a request: the admin, the operator, or an anonymous client known by its TCP peer address
 * (never by a header it could choose, such as {@code X-Forwarded-For}).
 *
 * @param id the key rate limits and idempotency keys are scoped by: {@code admin}, {@code
 *     operator}, {@code metrics} or {@code peer:<address>}
 */
record Principal(Kind kind, String id) {
  /** The kinds of principal. */
  enum Kind {
    ADMIN,
    OPERATOR,
    METRICS,
    ANONYMOUS
  }

  static final Principal ADMIN = new Principal(Kind.ADMIN, "admin");
  static final Principal OPERATOR = new Principal(Kind.OPERATOR, "operator");
  static final Principal METRICS = new Principal(Kind.METRICS, "metrics");

  /** An anonymous client at {@code address}. */
  static Principal anonymous(String address) {
    return new Principal(Kind.ANONYMOUS, "peer:" + address);
  }

  /** Whether the principal presented a valid token. */
  boolean authenticated() {
    return kind != Kind.ANONYMOUS;
  }

  /** Whether the principal may call a route that requires {@code role}. */
  boolean holds(Role role) {
    return switch (role) {
      case ADMIN -> kind == Kind.ADMIN;
      case OPERATOR -> kind == Kind.ADMIN || kind == Kind.OPERATOR;
      case METRICS -> kind == Kind.ADMIN || kind == Kind.METRICS;
    };
  }
}
