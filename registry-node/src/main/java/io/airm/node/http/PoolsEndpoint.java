package io.airm.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.Pool;
import io.airm.node.domain.Settlement;
import io.airm.node.settle.ReportCache;
import io.airm.node.settle.SettlementService;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.List;

/** Pools, their settlement and what each account may claim. */
public final class PoolsEndpoint {
  static final String POOLS = "/v1/pools";
  static final String POOL = "/v1/pools/{poolId}";
  static final String SETTLE = "/v1/pools/{poolId}/settle";
  static final String ALLOCATION = "/v1/pools/{poolId}/allocations/{account}";
  static final String ACCOUNT_ALLOCATIONS = "/v1/accounts/{account}/allocations";

  private final SettlementService service;
  private final ReportCache reports;

  public PoolsEndpoint(SettlementService service, ReportCache reports) {
    this.service = service;
    this.reports = reports;
  }

  void list(Context ctx) {
    long offset = number(ctx.queryParam("offset"), "offset", 0).longValueExact();
    int limit = number(ctx.queryParam("limit"), "limit", 100).intValueExact();
    if (limit < 1 || limit > 1000) {
      throw new WireFormat.WireFormatException("limit must be between 1 and 1000");
    }
    ArrayNode pools = WireFormat.JSON.createArrayNode();
    for (Pool pool : service.pools(offset, limit)) {
      pools.add(view(pool));
    }
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.set("pools", pools);
    ctx.json(answer);
  }

  void get(Context ctx) {
    ctx.json(view(service.pool(poolId(ctx))));
  }

  void settle(Context ctx) {
    BigInteger poolId = poolId(ctx);
    boolean existed = service.settlement(poolId).isPresent();
    Settlement settlement = service.request(poolId);
    ctx.status(existed ? 200 : 202).header("Location", POOLS + "/" + poolId).json(view(settlement));
  }

  void allocation(Context ctx) {
    BigInteger poolId = poolId(ctx);
    Address account = account(ctx);
    ctx.json(claimable(service.allocation(poolId, account), true));
  }

  void accountAllocations(Context ctx) {
    Address account = account(ctx);
    ArrayNode list = WireFormat.JSON.createArrayNode();
    BigInteger total = BigInteger.ZERO;
    BigInteger unclaimed = BigInteger.ZERO;
    for (SettlementService.Claimable c : service.allocations(account)) {
      list.add(claimable(c, false));
      total = total.add(c.allocation().amount());
      if (!c.allocation().claimed()) {
        unclaimed = unclaimed.add(c.allocation().amount());
      }
    }
    ObjectNode answer = WireFormat.JSON.createObjectNode();
    answer.put("account", account.value());
    answer.put("total", total.toString());
    answer.put("unclaimed", unclaimed.toString());
    answer.set("allocations", list);
    ctx.json(answer);
  }

  private ObjectNode claimable(SettlementService.Claimable c, boolean withWorks) {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    BigInteger poolId = c.allocation().poolId();
    node.put("poolId", poolId.toString());
    node.put("account", c.allocation().account().value());
    node.put("index", c.allocation().index());
    node.put("amount", c.allocation().amount().toString());
    node.put("leaf", c.leaf().hex());
    ArrayNode proof = node.putArray("proof");
    c.proof().stream().map(Bytes32::hex).forEach(proof::add);
    node.put("claimed", c.allocation().claimed());
    service
        .settlement(poolId)
        .ifPresent(
            s -> {
              node.put("state", s.state().apiName());
              s.challengeEndsAt().ifPresent(t -> node.put("claimableFrom", t));
              s.reportCid().ifPresent(r -> node.put("reportCid", r));
              if (withWorks && s.valuationCid().isPresent()) {
                List<JsonNode> works =
                    reports.worksPaying(s.valuationCid().get(), c.allocation().account());
                node.putArray("works").addAll(works);
              }
            });
    return node;
  }

  static ObjectNode poolJson(Pool pool) {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("id", pool.id().toString());
    node.put("attestationId", pool.attestationChainId().toString());
    node.put("token", pool.token().value());
    node.put("funder", pool.funder().value());
    node.put("funded", pool.funded().toString());
    node.put("expiry", pool.expiry());
    return node;
  }

  private ObjectNode view(Pool pool) {
    ObjectNode node = poolJson(pool);
    service.settlement(pool.id()).ifPresent(s -> node.set("settlement", view(s)));
    return node;
  }

  static ObjectNode view(Settlement s) {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("poolId", s.poolId().toString());
    node.put("state", s.state().apiName());
    node.put("attestationId", s.attestationId().hex());
    node.put("requestedAt", s.requestedAt().toString());
    s.funded().ifPresent(v -> node.put("funded", v.toString()));
    s.treeSize().ifPresent(v -> node.put("checkpointTreeSize", v));
    s.reportCid().ifPresent(v -> node.put("reportCid", v));
    s.reportDigest().ifPresent(v -> node.put("reportDigest", v.hex()));
    s.valuationCid().ifPresent(v -> node.put("valuationCid", v));
    s.inputCid().ifPresent(v -> node.put("inputCid", v));
    s.root().ifPresent(v -> node.put("root", v.hex()));
    s.total().ifPresent(v -> node.put("total", v.toString()));
    s.leaves().ifPresent(v -> node.put("leaves", v));
    s.txHash().ifPresent(v -> node.put("txHash", v.hex()));
    s.challengeEndsAt().ifPresent(v -> node.put("challengeEndsAt", v));
    s.failure().ifPresent(v -> node.put("failure", v));
    return node;
  }

  private static BigInteger poolId(Context ctx) {
    return number(ctx.pathParam("poolId"), "poolId", -1);
  }

  private static Address account(Context ctx) {
    return WireFormat.address(
        WireFormat.JSON.getNodeFactory().textNode(ctx.pathParam("account").toLowerCase()),
        "account");
  }

  private static BigInteger number(String value, String name, long fallback) {
    if (value == null && fallback >= 0) {
      return BigInteger.valueOf(fallback);
    }
    if (value == null || !value.matches("[0-9]{1,78}")) {
      throw new WireFormat.WireFormatException(name + " must be a non-negative decimal integer");
    }
    return new BigInteger(value);
  }
}
