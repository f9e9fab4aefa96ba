package io.airm.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.multiformats.Base32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {

  /** {@code ipfs add} of "hello\n", confirmed by /usr/bin/ipfs_cid. */
  private static final String HELLO_V0 = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";

  /** The same block as CIDv1, as /usr/bin/ipfs_cid prints it. */
  private static final String HELLO_V0_AS_V1 =
      "bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4";

  /** The raw CIDv1 of the empty byte string, as {@code ipfs add --cid-version=1} gives it. */
  private static final String EMPTY_RAW =
      "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void parse_v0() {
    Cid cid = Cid.parse(HELLO_V0);

    assertThat(cid.version()).isZero();
    assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB);
    assertThat(cid.multihash().code()).isEqualTo(0x12);
    assertThat(cid.toString()).isEqualTo(HELLO_V0);
    assertThat(cid.bytes()).hasSize(34).startsWith(0x12, 0x20);
  }

  @Test
  void toV1_ofV0_matchesIpfsCid() {
    Cid v1 = Cid.parse(HELLO_V0).toV1();

    assertThat(v1.toString()).isEqualTo(HELLO_V0_AS_V1);
    assertThat(Cid.parse(HELLO_V0_AS_V1)).isEqualTo(v1);
    assertThat(v1.toV0()).isEqualTo(Cid.parse(HELLO_V0));
    assertThat(v1.bytes()).startsWith(0x01, 0x70, 0x12, 0x20);
  }

  @Test
  void v1Raw_isRawCodecPlusSha256OfTheBytes() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);

    Cid cid = Cid.v1(Multicodec.RAW, digest);

    assertThat(cid.toString()).isEqualTo(EMPTY_RAW);
    assertThat(HEX.formatHex(cid.bytes())).isEqualTo("01551220" + HEX.formatHex(digest));
    assertThat(Cid.parse(EMPTY_RAW)).isEqualTo(cid);
    assertThat(Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[0]))).isEqualTo(cid);
  }

  @Test
  void v0AndItsV1AreDifferentCidsOfTheSameMultihash() {
    Cid v0 = Cid.parse(HELLO_V0);

    assertThat(v0.toV1()).isNotEqualTo(v0);
    assertThat(v0.toV1().multihash()).isEqualTo(v0.multihash());
  }

  @Test
  void decode_roundTripsBinaryForm() {
    for (String text : new String[] {HELLO_V0, HELLO_V0_AS_V1, EMPTY_RAW}) {
      Cid cid = Cid.parse(text);
      assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
    }
  }

  @Test
  void parse_acceptsBase58btcMultibaseForV1() {
    Cid v1 = Cid.parse(HELLO_V0_AS_V1);
    String z = "z" + io.airm.ipfs.multiformats.Base58Btc.encode(v1.bytes());

    assertThat(Cid.parse(z)).isEqualTo(v1);
    assertThat(Cid.parse(z).toString()).isEqualTo(HELLO_V0_AS_V1);
  }

  @Test
  void v0_rejectsDigestOfWrongLength() {
    assertThatThrownBy(() -> Cid.v0(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void toV0_ofRawCid_isRefused() {
    assertThatThrownBy(() -> Cid.parse(EMPTY_RAW).toV0())
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining(EMPTY_RAW)
        .hasMessageContaining("codec is raw");
  }

  @Test
  void parse_rejectsUnsupportedMultibasePrefix() {
    String text = "f01701220" + "00".repeat(32);
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageStartingWith("CID '" + text + "' is invalid: its multibase prefix 'f'")
        .hasMessageContaining("not supported");
  }

  @Test
  void parse_rejectsUpperCaseBase32() {
    String upper = "b" + HELLO_V0_AS_V1.substring(1).toUpperCase();
    assertThatThrownBy(() -> Cid.parse(upper))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining(upper)
        .hasMessageContaining("is not in the lower-case base32 alphabet");
  }

  @Test
  void parse_rejectsBadBase58Character() {
    String bad = HELLO_V0.substring(0, 10) + "0" + HELLO_V0.substring(11);
    assertThatThrownBy(() -> Cid.parse(bad))
        .isInstanceOf(InvalidCidException.class)
        .hasMessage(
            "CID '"
                + bad
                + "' is invalid: character '0' at index 10 is not in the base58btc alphabet.");
  }

  @Test
  void parse_rejectsV0OfWrongLength() {
    String shortened = HELLO_V0.substring(0, 45);
    assertThatThrownBy(() -> Cid.parse(shortened))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("a CIDv0 is 46 characters and this is 45");
  }

  @Test
  void parse_rejectsUnsupportedCodec() {
    // dag-cbor (0x71) is a real codec, just not one this adapter decodes.
    String text = "b" + Base32.encode(HEX.parseHex("01711220" + "11".repeat(32)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("its codec 0x71 is not supported");
  }

  @Test
  void parse_rejectsUnsupportedHashFunction() {
    // sha2-512 (0x13), 64 bytes.
    String text = "b" + Base32.encode(HEX.parseHex("01551340" + "11".repeat(64)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("multihash function 0x13 is not supported");
  }

  @Test
  void parse_rejectsWrongDeclaredDigestLength() {
    String text = "b" + Base32.encode(HEX.parseHex("01551210" + "11".repeat(16)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("digest length is declared as 16 bytes");
  }

  @Test
  void parse_rejectsTruncatedDigest() {
    String text = "b" + Base32.encode(HEX.parseHex("01551220" + "11".repeat(31)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("truncated to 31 of 32 bytes");
  }

  @Test
  void parse_rejectsTrailingBytes() {
    String text = "b" + Base32.encode(HEX.parseHex("01551220" + "11".repeat(32) + "00"));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("1 trailing byte(s) after the multihash");
  }

  @Test
  void parse_rejectsOverlongVarint() {
    // Version 1 written as 0x81 0x00.
    String text = "b" + Base32.encode(HEX.parseHex("8100551220" + "11".repeat(32)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @Test
  void parse_rejectsUnknownVersion() {
    String text = "b" + Base32.encode(HEX.parseHex("02551220" + "11".repeat(32)));
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("version 2 is not supported");
  }

  @Test
  void parse_rejectsMultibaseEncodedV0() {
    String text = "b" + Base32.encode(Cid.parse(HELLO_V0).bytes());
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("multibase-encoded CIDv0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "b", "z", "hello"})
  void parse_rejectsJunk(String text) {
    assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(InvalidCidException.class);
  }

  @Test
  void parse_shortensHugeInputInMessage() {
    String huge = "b" + "a".repeat(100_000);
    assertThatThrownBy(() -> Cid.parse(huge))
        .isInstanceOf(InvalidCidException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400))
        .satisfies(e -> assertThat(((InvalidCidException) e).input()).isEqualTo(huge));
  }

  @Test
  void decode_rejectsExplicitVersionZero() {
    assertThatThrownBy(() -> Cid.decode(HEX.parseHex("00701220" + "11".repeat(32))))
        .isInstanceOf(InvalidCidException.class)
        .hasMessageContaining("0x00701220")
        .hasMessageContaining("declares version 0 explicitly");
  }

  @Test
  void multihash_comparesDigestsByContent() {
    byte[] data = "hello\n".getBytes(StandardCharsets.US_ASCII);
    Multihash a = Multihash.sha256(data);
    Multihash b = Multihash.ofSha256Digest(a.digest());

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.digestHex())
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  void multihash_isImmutable() {
    byte[] digest = new byte[32];
    Multihash multihash = Multihash.ofSha256Digest(digest);
    digest[0] = 1;
    multihash.digest()[1] = 1;

    assertThat(multihash.digest()).isEqualTo(new byte[32]);
  }
}
