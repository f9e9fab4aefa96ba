/**
 * The Java client SDK of an AIRM registry node: what creators' and AI companies' own programs use
 * to sign and submit registrations and usage attestations. Keys stay in the calling process.
 *
 * <h2>The types</h2>
 *
 * <ul>
 *   <li>{@link io.airm.node.client.RegistryClient}: connects to a node ({@code connect(URI)} or
 *       {@code builder(URI)}: timeouts, bearer token, retries on 429/503 and lost connections, with
 *       an {@code Idempotency-Key} on every POST so that a retry is never recorded twice).
 *   <li>{@link io.airm.node.client.WorkSigner} and {@link io.airm.node.client.AttestationSigner}:
 *       sign the EIP-712 {@code WorkRegistration} and {@code Attestation} with a web3j {@code
 *       Credentials}, {@code ECKeyPair} or hex key, which they never log nor show.
 *   <li>{@link io.airm.node.client.WorkUpload} and {@link io.airm.node.client.WorkMetadata}: a work
 *       to register (a file, bytes or a stream; its licence, AI-training permission, title,
 *       co-creators and shares, parents; uploaded or hash-only).
 *   <li>{@link io.airm.node.client.EvidenceDocument}: the {@code airm-evidence/1} document an
 *       attestation commits to (no influence, KNN-Shapley or committed scores), with its digest and
 *       works root.
 *   <li>Answers as records: {@link io.airm.node.client.RegistryInfo}, {@link
 *       io.airm.node.client.Registered}, {@link io.airm.node.client.WorkRecord}, {@link
 *       io.airm.node.client.WorkPage}, {@link io.airm.node.client.AttestationReceipt}, {@link
 *       io.airm.node.client.AttestationRecord}, {@link io.airm.node.client.AttesterInfo}, {@link
 *       io.airm.node.client.Allocation}.
 *   <li>Failures: {@link io.airm.node.client.RegistryProblemException} (the node's RFC 9457
 *       problem: status, type, title, detail), {@link io.airm.node.client.VerificationException} (a
 *       proof, id or signature that does not verify), both {@link
 *       io.airm.node.client.RegistryClientException}s.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * RegistryClient node = RegistryClient.connect(URI.create("http://127.0.0.1:8080"));
 *
 * // a creator registers a file and waits until its checkpoint is final on chain
 * WorkSigner creator = WorkSigner.fromHex(System.getenv("CREATOR_KEY"));
 * Registered work =
 *     node.register(
 *         creator,
 *         WorkUpload.ofFile(Path.of("essay.md"))
 *             .licence("CC-BY-4.0")
 *             .aiTraining(true)
 *             .metadata(WorkMetadata.titled("An essay").withMediaType("text/markdown")));
 * WorkRecord finalRecord = node.awaitFinal(work.workId(), Duration.ofMinutes(5));
 *
 * // an AI company attests that a model was trained on it
 * AttestationSigner company = AttestationSigner.fromHex(System.getenv("COMPANY_KEY"));
 * AttestationReceipt receipt =
 *     node.attest(
 *         company, modelId, "my-model 2026-11", EvidenceDocument.none(List.of(work.workId())));
 * AttestationRecord recorded = node.awaitRecorded(receipt.id(), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>{@code attest} signs with the nonce the node counts ({@code GET /v1/attesters/{account}}: the
 * chain's, or past the attestations the node holds but has not yet relayed), so a program may
 * submit attestations one after another without waiting for the chain. {@code
 * nextAttestationNonce(account, rpcUrl)} reads the chain's nonce alone, from an endpoint you trust.
 *
 * <p>The README's "Java client SDK" section has the complete program, which the tests run against a
 * node on anvil.
 */
package io.airm.node.client;
