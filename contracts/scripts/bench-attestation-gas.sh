#!/usr/bin/env bash
# Measures, as real transactions on a fresh local anvil, the gas of one UsageAttestations.attest (direct), one
# attestBySig (relayed) and one EAS attest of a comparable record, and prints the receipts' gasUsed.
#
# Usage: scripts/bench-attestation-gas.sh        (from anywhere; needs node_modules, see package.json)
#
# UsageAttestations is built by forge (foundry.toml settings); SchemaRegistry and EAS by scripts/compile-eas.cjs with
# solc 0.8.29 into target/eas/ (not target/artifacts, so no Java wrapper is generated). anvil runs on a free port
# and is stopped on exit. Accounts are anvil's well-known test keys: #0 deploys and administers, #1 attests directly,
# #3 signs for relaying, #2 relays. Both attesters start fresh, so each first call also creates the attester's nonce
# slot (both ways of attesting consume a nonce). The figures include each transaction's intrinsic cost (21,000 plus
# calldata).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
for tool in anvil cast forge node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found; run npm ci in $PWD" >&2; exit 1; }
done

ADMIN_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
ATTESTER_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
RELAYER_KEY=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
SIGNER_KEY=0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6
ADMIN=$(cast wallet address --private-key "$ADMIN_KEY")
ATTESTER=$(cast wallet address --private-key "$ATTESTER_KEY")
SIGNER=$(cast wallet address --private-key "$SIGNER_KEY")

# ---- build ----
forge build --quiet src/UsageAttestations.sol
ua_bin=$(node -e 'process.stdout.write(require("./out/UsageAttestations.sol/UsageAttestations.json").bytecode.object)')
if [[ ! -s target/eas/EAS.bin || ! -s target/eas/SchemaRegistry.bin ]]; then
  node scripts/compile-eas.cjs target/eas
fi

# ---- anvil on a free port ----
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})')
RPC="http://127.0.0.1:$port"
anvil --port "$port" --silent &
anvil_pid=$!
trap 'kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  cast chain-id --rpc-url "$RPC" >/dev/null 2>&1 && break
  sleep 0.1
done

# send KEY ARGS... : sends a transaction and prints its receipt as JSON; fails on a reverted transaction.
send() {
  local key=$1
  shift
  local receipt
  receipt=$(cast send --json --rpc-url "$RPC" --private-key "$key" "$@")
  if [[ $(json "$receipt" status) != 1 ]]; then
    echo "bench: transaction failed: $*" >&2
    exit 1
  fi
  printf '%s' "$receipt"
}
# json RECEIPT FIELD : prints a receipt field; hex quantities as decimal.
json() {
  node -e 'const r=JSON.parse(process.argv[1]); const v=r[process.argv[2]];
    process.stdout.write(typeof v === "string" && /^0x[0-9a-f]+$/i.test(v) && v.length < 20 ? String(BigInt(v)) : String(v))' \
    "$1" "$2"
}
# topic1 RECEIPT : prints the first indexed topic of the receipt's first log.
topic1() {
  node -e 'process.stdout.write(JSON.parse(process.argv[1]).logs[0].topics[1])' "$1"
}

# ---- the record: the same values for every contract ----
MODEL_ID=$(cast keccak "airm-bench-model")
MODEL_VERSION="2025-06-01-rc1"
WORKS_ROOT=$(cast keccak "works root")
WORK_COUNT=1234
EVIDENCE=0xee8250fb76e094b34b471f13a73dbbe51d1ae142e9df59d7c0d31ec20f0a0a8e # sha256("evidence")
DIGEST=$(cast keccak "an EIP-712 digest")                                   # stands in for EAS records
REQ_TYPE="(bytes32,string,bytes32,uint32,bytes32)"
request() { # request I : the record with workCount + I
  printf '(%s,"%s",%s,%s,%s)' "$MODEL_ID" "$MODEL_VERSION" "$WORKS_ROOT" "$((WORK_COUNT + $1))" "$EVIDENCE"
}

# ---- UsageAttestations ----
r=$(send "$ADMIN_KEY" --create "$ua_bin" "constructor(address)" "$ADMIN")
UA=$(json "$r" contractAddress)
ua_deploy=$(json "$r" gasUsed)
send "$ADMIN_KEY" "$UA" "grantRole(bytes32,address)" "$(cast keccak ATTESTER_ROLE)" "$ATTESTER" >/dev/null
send "$ADMIN_KEY" "$UA" "grantRole(bytes32,address)" "$(cast keccak ATTESTER_ROLE)" "$SIGNER" >/dev/null

direct=()
for i in 1 2; do
  r=$(send "$ATTESTER_KEY" "$UA" "attest($REQ_TYPE)" "$(request "$i")")
  direct+=("$(json "$r" gasUsed)")
done

bysig=()
deadline=$(($(date +%s) + 3600))
for i in 3 4; do
  nonce=$(cast call --rpc-url "$RPC" "$UA" "nonces(address)(uint256)" "$SIGNER")
  digest=$(cast call --rpc-url "$RPC" "$UA" "hashAttestation($REQ_TYPE,address,uint256,uint256)(bytes32)" \
    "$(request "$i")" "$SIGNER" "$nonce" "$deadline")
  sig=$(cast wallet sign --no-hash --private-key "$SIGNER_KEY" "$digest")
  r=$(send "$RELAYER_KEY" "$UA" "attestBySig($REQ_TYPE,address,uint256,bytes)" "$(request "$i")" "$SIGNER" \
    "$deadline" "$sig")
  bysig+=("$(json "$r" gasUsed)")
  # the record keeps the digest that was signed, and the event carries it as its third topic
  stored=$(cast call --rpc-url "$RPC" "$UA" \
    "attestation(uint256)((address,uint64,bool,uint32,bytes32,bytes32,bytes32,bytes32,bytes32))" "$i")
  [[ $stored == *"$digest"* ]] || { echo "bench: attestation $i does not hold the signed digest $digest" >&2; exit 1; }
  [[ $(node -e 'process.stdout.write(JSON.parse(process.argv[1]).logs[0].topics[3])' "$r") == "$digest" ]] ||
    { echo "bench: the Attested event of attestation $i does not carry $digest" >&2; exit 1; }
done
count=$(cast call --rpc-url "$RPC" "$UA" "attestationCount()(uint256)")
[[ $count == 4 ]] || { echo "bench: expected 4 attestations, found $count" >&2; exit 1; }

# ---- EAS ----
r=$(send "$ADMIN_KEY" --create "$(cat target/eas/SchemaRegistry.bin)")
REGISTRY=$(json "$r" contractAddress)
r=$(send "$ADMIN_KEY" --create "$(cat target/eas/EAS.bin)" "constructor(address)" "$REGISTRY")
EAS=$(json "$r" contractAddress)
eas_deploy=$(json "$r" gasUsed)

# eas_attest SCHEMA ENCODER : registers SCHEMA (no resolver, revocable), attests twice with the data that
# `ENCODER i` prints, and prints both gasUsed. The two records differ (in workCount): EAS derives an attestation's
# uid from its content and time, and two identical records in the same second would cost an extra uid "bump".
eas_attest() {
  local reg uid data i out=()
  reg=$(send "$ADMIN_KEY" "$REGISTRY" "register(string,address,bool)" "$1" 0x0000000000000000000000000000000000000000 true)
  uid=$(topic1 "$reg")
  for i in 1 2; do
    data=$("$2" "$i")
    r=$(send "$ATTESTER_KEY" "$EAS" "attest((bytes32,(address,uint64,bool,bytes32,bytes,uint256)))" \
      "($uid,(0x0000000000000000000000000000000000000000,0,true,0x0000000000000000000000000000000000000000000000000000000000000000,$data,0))")
    out+=("$(json "$r" gasUsed)")
  done
  echo "${out[*]}"
}
encode5() {
  cast abi-encode "f(bytes32,string,bytes32,uint32,bytes32)" \
    "$MODEL_ID" "$MODEL_VERSION" "$WORKS_ROOT" "$((WORK_COUNT + $1))" "$EVIDENCE"
}
encode6() {
  cast abi-encode "f(bytes32,string,bytes32,uint32,bytes32,bytes32)" \
    "$MODEL_ID" "$MODEL_VERSION" "$WORKS_ROOT" "$((WORK_COUNT + $1))" "$EVIDENCE" "$DIGEST"
}
eas5=$(eas_attest "bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,bytes32 evidenceDigest" encode5)
eas6=$(eas_attest "bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,bytes32 evidenceDigest,bytes32 digest" encode6)

cat <<REPORT
Gas used per transaction ($(anvil --version | head -n 1); intrinsic cost included; first / second call):
  UsageAttestations.attest (direct)         ${direct[0]} / ${direct[1]}
  UsageAttestations.attestBySig (relayed)   ${bysig[0]} / ${bysig[1]}   (an attester's first attestation, either way, also creates its nonce slot)
  EAS.attest, 5-field schema                ${eas5% *} / ${eas5#* }   (modelId, modelVersion, worksRoot, workCount, evidenceDigest)
  EAS.attest, 6-field schema                ${eas6% *} / ${eas6#* }   (the same plus the EIP-712 digest: UsageAttestations' content)
Deployment: UsageAttestations ${ua_deploy}, EAS ${eas_deploy} (plus SchemaRegistry)
REPORT
