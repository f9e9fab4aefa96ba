// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IWorkRegistry} from "../src/IWorkRegistry.sol";
import {WorkRegistry} from "../src/WorkRegistry.sol";
import {TestBase} from "./utils/TestBase.sol";

/**
 * @notice EIP-712 hashing of WorkRegistration, checked three independent ways: against a digest built by hand in
 * this test, against Foundry's own typed-data hasher (alloy) over the JSON vectors in test/vectors, and against
 * signatures that `cast wallet sign --data` made over those JSON files. The JSON files and the golden digests are
 * meant to be shared with the Java side's typed-data hashing.
 */
contract WorkRegistryEip712Test is TestBase {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string internal constant TYPE_STRING = "WorkRegistration(address creator,bytes32 contentHash,string cid,"
        "bytes32 metadataHash,string licence,bool aiTraining,bytes32[] parents,uint256 nonce,uint256 deadline)";

    // The vectors' domain: forge deploys the test contract at 0x7FA9385bE102ac3EAc297483Dd6233D62b3e1496 and its
    // first CREATE (in setUp) lands at this address; forge's default chain id is 31337.
    address internal constant VECTOR_REGISTRY = 0x5615dEB798BB3E4dFa0139dFa1b3D433Cc23b72f;
    uint256 internal constant VECTOR_CHAIN_ID = 31337;
    // Private key 0xa11ce; `cast wallet address` gives this address.
    address internal constant VECTOR_CREATOR = 0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7;

    // Golden digests of test/vectors/work-registration-{1,2}.json, for the Java side to pin: what Foundry's own
    // typed-data hasher (alloy, vm.eip712HashTypedData) computes from the JSON files, and what cast signed below.
    bytes32 internal constant VECTOR_1_DIGEST = 0x67ca84e68339343345a6d174fad6146a2ea063615b9fa66f945628caa9c6baac;
    bytes32 internal constant VECTOR_2_DIGEST = 0xc7bfd3ac3d50ca4b971f97e107f4aa52973b01cabe60a28810a1cd85b91fa2e5;

    // `cast wallet sign --private-key 0xa11ce --data --from-file test/vectors/work-registration-N.json` (r || s || v).
    bytes internal constant VECTOR_1_SIGNATURE =
        hex"3b4f9f83d38a9f8ba08f7e86b77b53406ba275b1137f43a1ce15298ff2f13363748655bbab413ba8e913671f2ccb666994e0817767c129ea412fd0cda26dac441c";
    bytes internal constant VECTOR_2_SIGNATURE =
        hex"faccc1498b845ace4b761b48f2ebeac980be09099f2d5e188fc7056d076851ed3761c5ce7d7ed2d56b979624884b07201ae990bf952a41a3b128ddcfccd2f7c81c";

    WorkRegistry internal registry;

    function setUp() public {
        registry = new WorkRegistry(address(0xAD), address(0xA1));
    }

    // ---- fixtures ----

    /// @dev The message of test/vectors/work-registration-1.json.
    function _vector1() internal pure returns (IWorkRegistry.WorkRegistration memory r) {
        bytes32[] memory parents = new bytes32[](2);
        parents[0] = 0xee7d7197f73cc6db8671a9799610faab0c758a56a9806faba9fde4719d343821;
        parents[1] = 0x24742c114cd72801475bc6739ffe936e0479af0728646a727e9e1e72b7f703a5;
        r = IWorkRegistry.WorkRegistration({
            creator: VECTOR_CREATOR,
            contentHash: 0x5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03, // sha256("hello\n")
            cid: "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN",
            metadataHash: 0x8e7f23db20136c438915e4801e8171e36d50fd69ff953ceae0894a9238aef3ab,
            licence: unicode"CC-BY-4.0 – Müller & Søn", // non-ASCII: strings are hashed as UTF-8 bytes
            aiTraining: true,
            parents: parents,
            nonce: 7,
            deadline: 1767225600
        });
    }

    /// @dev The message of test/vectors/work-registration-2.json: every field empty, zero or false.
    function _vector2() internal pure returns (IWorkRegistry.WorkRegistration memory r) {
        r = IWorkRegistry.WorkRegistration({
            creator: VECTOR_CREATOR,
            contentHash: bytes32(0),
            cid: "",
            metadataHash: bytes32(0),
            licence: "",
            aiTraining: false,
            parents: new bytes32[](0),
            nonce: 0,
            deadline: 0
        });
    }

    /// @dev The EIP-712 digest built by hand from the specification, sharing no code with WorkRegistry.
    function _handDigest(IWorkRegistry.WorkRegistration memory r, uint256 chainId, address verifyingContract)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("AIRM WorkRegistry"), keccak256("1"), chainId, verifyingContract)
        );
        // encodeData of bytes32[]: the concatenation of the elements' 32-byte encodings.
        bytes memory parentsEncoding;
        for (uint256 i = 0; i < r.parents.length; ++i) {
            parentsEncoding = bytes.concat(parentsEncoding, r.parents[i]);
        }
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(bytes(TYPE_STRING)),
                r.creator,
                r.contentHash,
                keccak256(bytes(r.cid)),
                r.metadataHash,
                keccak256(bytes(r.licence)),
                r.aiTraining,
                keccak256(parentsEncoding),
                r.nonce,
                r.deadline
            )
        );
        return keccak256(bytes.concat(hex"1901", domainSeparator, structHash));
    }

    function _recover(bytes32 digest, bytes memory signature) internal pure returns (address) {
        require(signature.length == 65, "signature length");
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return ecrecover(digest, v, r, s);
    }

    // ---- type hash and domain ----

    function test_typehash_isKeccakOfTheTypeString() public view {
        vm.assertEq(registry.WORK_REGISTRATION_TYPEHASH(), keccak256(bytes(TYPE_STRING)), "WORK_REGISTRATION_TYPEHASH");
    }

    function test_eip712Domain_reportsNameVersionChainIdAndAddress() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = registry.eip712Domain();
        vm.assertTrue(fields == hex"0f", "fields: name, version, chainId, verifyingContract");
        vm.assertEq(name, "AIRM WorkRegistry", "name");
        vm.assertEq(version, "1", "version");
        vm.assertEq(chainId, block.chainid, "chainId");
        vm.assertEq(verifyingContract, address(registry), "verifyingContract");
        vm.assertEq(salt, bytes32(0), "salt");
        vm.assertEq(extensions.length, 0, "extensions");
    }

    // ---- digests ----

    function test_hashWorkRegistration_matchesHandBuiltDigest() public view {
        vm.assertEq(
            registry.hashWorkRegistration(_vector1()),
            _handDigest(_vector1(), block.chainid, address(registry)),
            "vector 1"
        );
        vm.assertEq(
            registry.hashWorkRegistration(_vector2()),
            _handDigest(_vector2(), block.chainid, address(registry)),
            "vector 2"
        );
    }

    function testFuzz_hashWorkRegistration_matchesHandBuiltDigest(
        address creator,
        bytes32 contentHash,
        string calldata cid,
        bytes32 metadataHash,
        string calldata licence,
        bool aiTraining,
        bytes32[] calldata parents,
        uint256 nonce,
        uint256 deadline
    ) public view {
        IWorkRegistry.WorkRegistration memory r = IWorkRegistry.WorkRegistration({
            creator: creator,
            contentHash: contentHash,
            cid: cid,
            metadataHash: metadataHash,
            licence: licence,
            aiTraining: aiTraining,
            parents: parents,
            nonce: nonce,
            deadline: deadline
        });
        vm.assertEq(registry.hashWorkRegistration(r), _handDigest(r, block.chainid, address(registry)), "digest");
    }

    function test_hashWorkRegistration_matchesFoundryTypedDataHashOfJsonVectors() public view {
        vm.assertEq(address(registry), VECTOR_REGISTRY, "the vectors' verifyingContract");
        vm.assertEq(block.chainid, VECTOR_CHAIN_ID, "the vectors' chainId");
        vm.assertEq(
            registry.hashWorkRegistration(_vector1()),
            vm.eip712HashTypedData(vm.readFile("test/vectors/work-registration-1.json")),
            "vector 1"
        );
        vm.assertEq(
            registry.hashWorkRegistration(_vector2()),
            vm.eip712HashTypedData(vm.readFile("test/vectors/work-registration-2.json")),
            "vector 2"
        );
    }

    function test_hashWorkRegistration_goldenDigests() public view {
        vm.assertEq(registry.hashWorkRegistration(_vector1()), VECTOR_1_DIGEST, "vector 1");
        vm.assertEq(registry.hashWorkRegistration(_vector2()), VECTOR_2_DIGEST, "vector 2");
    }

    function test_hashWorkRegistration_castSignaturesRecoverTheCreator() public view {
        vm.assertEq(_recover(registry.hashWorkRegistration(_vector1()), VECTOR_1_SIGNATURE), VECTOR_CREATOR, "v1");
        vm.assertEq(_recover(registry.hashWorkRegistration(_vector2()), VECTOR_2_SIGNATURE), VECTOR_CREATOR, "v2");
        vm.assertEq(vm.addr(0xa11ce), VECTOR_CREATOR, "creator is the signing key's address");
    }

    function test_hashWorkRegistration_followsTheChainId() public {
        bytes32 before = registry.hashWorkRegistration(_vector1());
        vm.chainId(1);
        bytes32 onMainnet = registry.hashWorkRegistration(_vector1());
        vm.assertNotEq(onMainnet, before, "digest depends on the chain id");
        vm.assertEq(onMainnet, _handDigest(_vector1(), 1, address(registry)), "digest for chain id 1");
    }

    function test_hashWorkRegistration_dependsOnTheVerifyingContract() public {
        WorkRegistry other = new WorkRegistry(address(0xAD), address(0xA1));
        vm.assertNotEq(other.hashWorkRegistration(_vector1()), registry.hashWorkRegistration(_vector1()), "domain");
    }

    function test_hashWorkRegistration_changesWithEveryField() public view {
        bytes32 base = registry.hashWorkRegistration(_vector1());
        IWorkRegistry.WorkRegistration memory r;

        r = _vector1();
        r.creator = address(0xBEEF);
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "creator");
        r = _vector1();
        r.contentHash = bytes32(uint256(r.contentHash) ^ 1);
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "contentHash");
        r = _vector1();
        r.cid = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEM";
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "cid");
        r = _vector1();
        r.metadataHash = bytes32(0);
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "metadataHash");
        r = _vector1();
        r.licence = "CC-BY-4.0";
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "licence");
        r = _vector1();
        r.aiTraining = false;
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "aiTraining");
        r = _vector1();
        (r.parents[0], r.parents[1]) = (r.parents[1], r.parents[0]);
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "parents order");
        r = _vector1();
        r.parents = new bytes32[](1);
        r.parents[0] = _vector1().parents[0];
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "parents length");
        r = _vector1();
        r.nonce = 8;
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "nonce");
        r = _vector1();
        r.deadline = 0;
        vm.assertNotEq(registry.hashWorkRegistration(r), base, "deadline");
    }

    function test_hashWorkRegistration_cidAndLicenceAreNotInterchangeable() public view {
        // Each string is hashed on its own, so moving text from one field to the other changes the digest.
        IWorkRegistry.WorkRegistration memory a = _vector2();
        a.cid = "ab";
        IWorkRegistry.WorkRegistration memory b = _vector2();
        b.cid = "a";
        b.licence = "b";
        vm.assertNotEq(registry.hashWorkRegistration(a), registry.hashWorkRegistration(b), "field boundary");
    }
}
