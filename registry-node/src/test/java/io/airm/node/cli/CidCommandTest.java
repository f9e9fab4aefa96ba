package io.airm.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code airm cid} with and without Kubo's {@code ipfs add} flags.
 *
 * <p>Expected CIDs were computed outside this project: the flag-less CIDv0 and the dag-pb CIDv1 of
 * the same DAG by {@code /usr/bin/ipfs_cid} (Debian {@code ipfs-cid}), every combination by {@code
 * ipfs-unixfs-importer} 17.1.1 (npm) set up as Kubo's adder (fixed-size chunker, balanced layout of
 * 174 links, {@code reduceSingleLeafToSelf}).
 */
class CidCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code hello\n}: one chunk, so with raw leaves the file is one raw block. */
  private Path hello;

  /** 400 bytes {@code i % 251}: with {@code size-1} it is 400 leaves under two tree levels. */
  private Path bytes400;

  private Path empty;

  @BeforeEach
  void files(@TempDir Path dir) throws Exception {
    hello = Files.writeString(dir.resolve("hello.txt"), "hello\n");
    byte[] data = new byte[400];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 251);
    }
    bytes400 = Files.write(dir.resolve("400.bin"), data);
    empty = Files.write(dir.resolve("empty"), new byte[0]);
  }

  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private static Run airm(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StringWriter stderr = new StringWriter();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = AirmCommand.commandLine();
      cli.setErr(new PrintWriter(stderr, true));
      int code = cli.execute(args);
      return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString());
    } finally {
      System.setOut(out);
    }
  }

  private Run cid(Path file, String... flags) {
    List<String> args = new ArrayList<>(List.of("cid"));
    args.addAll(List.of(flags));
    args.add(file.toString());
    return airm(args.toArray(String[]::new));
  }

  @Test
  void noFlags_keepsTheDefaultOutput() throws Exception {
    Run run = cid(hello);

    assertThat(run.code()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("cidV0").asText())
        .isEqualTo("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
    assertThat(json.get("cidV1").asText())
        .isEqualTo("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    assertThat(json.get("sha256").asText())
        .isEqualTo("0x5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    assertThat(json.get("size").asLong()).isEqualTo(6);
    assertThat(json.has("cid")).isFalse();
  }

  @ParameterizedTest(name = "hello.txt {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--cid-version=0                 | QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"
            + "                | 0 | false | 262144",
        "--cid-version=1                 | bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"
            + "   | 1 | true  | 262144",
        "--cid-version=1 --raw-leaves=false | bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4"
            + " | 1 | false | 262144",
        "--raw-leaves                    | bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"
            + "   | 0 | true  | 262144",
        "--raw-leaves=true               | bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"
            + "   | 0 | true  | 262144",
        "--raw-leaves=false              | QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"
            + "                | 0 | false | 262144",
        "--chunker=size-262144           | QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"
            + "                | 0 | false | 262144",
        "--chunker=size-2                | QmSJW6Cr11WanRKHW2dQtECU1A5XMttK2p2PiSJUFHsJGT"
            + "                | 0 | false | 2",
        "--chunker=size-2 --cid-version=1 | bafybeigps6flius5tinmdegroj26wfwd6tasenk4gr7ljrgrv7kamwlo2y"
            + " | 1 | true  | 2",
        "--chunker=size-2 --raw-leaves   | QmcK18LZssiTG8yYJdb6SMbEsKWKn6n9GvRnPpCkjRcDfK"
            + "                | 0 | true  | 2",
        "--chunker=size-2 --cid-version=1 --raw-leaves=false"
            + " | bafybeig3rkdd7nm4vs6rkamt7dyvprd72qci7norc4oi4pfefwe6bwtvia | 1 | false | 2",
        "--cid-version 1 --chunker size-2 | bafybeigps6flius5tinmdegroj26wfwd6tasenk4gr7ljrgrv7kamwlo2y"
            + " | 1 | true  | 2",
      })
  void flags_onHello_giveKubosCid(
      String flags, String cid, int cidVersion, boolean rawLeaves, int chunkSize) throws Exception {
    Run run = cid(hello, flags.trim().split(" +"));

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("cid").asText()).isEqualTo(cid);
    assertThat(json.get("size").asLong()).isEqualTo(6);
    assertThat(json.get("sha256").asText())
        .isEqualTo("0x5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    JsonNode options = json.get("options");
    assertThat(options.get("cidVersion").asInt()).isEqualTo(cidVersion);
    assertThat(options.get("rawLeaves").asBoolean()).isEqualTo(rawLeaves);
    assertThat(options.get("chunker").asText()).isEqualTo("size-" + chunkSize);
    assertThat(json.size()).isEqualTo(4);
  }

  @ParameterizedTest(name = "400 bytes {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--chunker=size-1                                    | QmXewqZHChW9UeU5Zui8e9fEnoC4iqgMiuzApDPvSEXnoL",
        "--chunker=size-1 --raw-leaves                       | QmYGuAR8H7kqk8qNR9xUNJp1QRHXffuUQ743hiiTxjDiNo",
        "--chunker=size-1 --cid-version=1                    | bafybeigw2k3qh5llukzjw6fogjaanrzemsu4x3zfbwyg3glb7vpxlcnoai",
        "--chunker=size-1 --cid-version=1 --raw-leaves=false | bafybeigpprvc63g2zyf6hboxkt4y5nnpmgth4jr3mqi72inzlzrlk43ivu",
        "--cid-version=0                                     | QmcDr4Nbk8ZkqkyBtWLTmrijmGFP6oa3kUgd1Gb2jGQ1p2",
        "--cid-version=1                                     | bafkreibvrxwoqaruowompthlk5y3mu74qc3man2hk7b5nukrd3xw4qdufm",
      })
  void flags_onATwoLevelTree_giveKubosCid(String flags, String cid) throws Exception {
    Run run = cid(bytes400, flags.trim().split(" +"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().get("cid").asText()).isEqualTo(cid);
    assertThat(run.json().get("size").asLong()).isEqualTo(400);
  }

  @ParameterizedTest(name = "empty file {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--cid-version=0                    | QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
        "--cid-version=1                    | bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
        "--cid-version=1 --raw-leaves=false | bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y",
      })
  void flags_onAnEmptyFile_giveKubosCid(String flags, String cid) throws Exception {
    Run run = cid(empty, flags.trim().split(" +"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().get("cid").asText()).isEqualTo(cid);
    assertThat(run.json().get("size").asLong()).isZero();
  }

  @Test
  void rawLeavesWithoutValue_beforeTheFile_doesNotSwallowTheFile() throws Exception {
    Run run = airm("cid", "--raw-leaves", hello.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().get("cid").asText())
        .isEqualTo("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--cid-version=2          | the CID version must be 0 or 1, but got '2'",
        "--cid-version=v1         | the CID version must be 0 or 1, but got 'v1'",
        "--raw-leaves=yes         | --raw-leaves takes true or false, but got 'yes'",
        "--chunker=rabin          | the chunker 'rabin' is content-defined",
        "--chunker=rabin-16-32-64 | the chunker 'rabin-16-32-64' is content-defined",
        "--chunker=buzhash        | the chunker 'buzhash' is content-defined",
        "--chunker=size-0         | the chunk size of 'size-0' must be from 1 to 1048576 bytes",
        "--chunker=size-1048577   | the chunk size of 'size-1048577' must be from 1 to 1048576 bytes",
        "--chunker=size-          | the chunker must be size-N with N a number of bytes",
        "--chunker=262144         | the chunker must be size-N with N a number of bytes",
        "--chunker=size-1k        | the chunker must be size-N with N a number of bytes",
        "--trickle                | Unknown option: '--trickle'",
      })
  void badFlag_isRefused_withAMessageNamingIt(String flag, String message) {
    Run run = cid(hello, flag.trim());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message.trim());
  }

  @Test
  void missingFile_isAnErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("missing.bin");

    Run run = airm("cid", "--cid-version=1", missing.toString());

    assertThat(run.code()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(missing.toString());
  }
}
