package io.airm.node.http;

import io.javalin.security.RouteRole;

/**
 * The role a route requires, declared where the route is registered: {@code
 * config.routes.post(PATH, handler, Role.OPERATOR)}. A route without a role is public.
 */
public enum Role implements RouteRole {
  /** The node's operator ({@code api.operator-token}); the admin token satisfies it too. */
  OPERATOR,
  /** The node's administrator ({@code api.admin-token}). */
  ADMIN,
  /** A metrics scraper ({@code api.metrics-token}); the admin token satisfies it too. */
  METRICS
}
