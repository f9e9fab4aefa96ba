package io.airm.e2e;

// sdk-example:begin
import io.airm.chain.eth.Bytes32;
import io.airm.node.client.AttestationReceipt;
import io.airm.node.client.AttestationRecord;
import io.airm.node.client.AttestationSigner;
import io.airm.node.client.EvidenceDocument;
import io.airm.node.client.Registered;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkMetadata;
import io.airm.node.client.WorkRecord;
import io.airm.node.client.WorkSigner;
import io.airm.node.client.WorkUpload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A creator registers a file and waits for it to be final; an AI company attests its use. */
public class RegisterAndAttest {
  public static void main(String[] args) {
    // java RegisterAndAttest http://127.0.0.1:8080 essay.md http://127.0.0.1:8545
    run(
        URI.create(args[0]),
        Path.of(args[1]),
        args[2],
        System.getenv("CREATOR_KEY"),
        System.getenv("COMPANY_KEY"));
  }

  static AttestationRecord run(
      URI nodeUrl, Path essay, String myRpcUrl, String creatorKey, String companyKey) {
    RegistryClient node =
        RegistryClient.builder(nodeUrl)
            .maxAttempts(5)
            .requestTimeout(Duration.ofSeconds(20))
            .build();

    // The creator: hash and sign on this machine, upload, wait until the checkpoint is final.
    WorkSigner creator = WorkSigner.fromHex(creatorKey);
    Registered work =
        node.register(
            creator,
            WorkUpload.ofFile(essay)
                .licence("CC-BY-4.0")
                .aiTraining(true)
                .metadata(WorkMetadata.titled("An essay").withMediaType("text/markdown")));
    WorkRecord done = node.awaitFinal(work.workId(), Duration.ofMinutes(2)); // proof checked
    node.verifyOnChain(done, myRpcUrl); // and its root read from the chain, not from the node
    System.out.println(work.workId() + " is final, log index " + done.logIndex());

    // The AI company (holding ATTESTER_ROLE): the works its model used, signed and submitted.
    AttestationSigner company = AttestationSigner.fromHex(companyKey);
    EvidenceDocument evidence = EvidenceDocument.none(List.of(work.workId()));
    Bytes32 modelId = Bytes32.parse("0x" + "5a".repeat(32));
    AttestationReceipt receipt = node.attest(company, modelId, "essay-model 2026-11", evidence);
    AttestationRecord recorded = node.awaitRecorded(receipt.id(), Duration.ofMinutes(2));
    System.out.println(
        "attestation " + receipt.id() + " is on chain as #" + recorded.chainAttestationId().get());
    return recorded;
  }
}
// sdk-example:end
