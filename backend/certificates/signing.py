"""The body's signing key and PAdES signing of certificate PDFs (pyHanko).

The key and certificate come from MEDMATCH_SIGNING_KEY / MEDMATCH_SIGNING_CERT, each a
file path or the PEM text itself. Without them (dev, tests) a self-signed RSA test key
is generated once into MEDMATCH_SIGNING_TEST_KEY_DIR (.run/signing/); production
settings forbid that, so a missing key there fails the task with a message naming it.
"""

import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

TEST_KEY_NAME = "test-signing-key.pem"
TEST_CERT_NAME = "test-signing-cert.pem"
SIGNATURE_FIELD = "MedMatchCertificateSignature"


@dataclass(frozen=True)
class SigningMaterial:
    key_pem: bytes
    cert_pem: bytes


def _pem(value: str) -> bytes:
    """``value`` is PEM text or the path of a PEM file."""
    if "-----BEGIN" in value:
        return value.replace("\\n", "\n").encode()
    path = Path(value)
    if not path.is_file():
        raise ImproperlyConfigured(f"The signing key or certificate file {value} does not exist.")
    return path.read_bytes()


def generated_signing_material(directory: Path) -> SigningMaterial:
    """A self-signed test key and certificate in ``directory``, made on first use."""
    key_path, cert_path = directory / TEST_KEY_NAME, directory / TEST_CERT_NAME
    if key_path.is_file() and cert_path.is_file():
        return SigningMaterial(key_pem=key_path.read_bytes(), cert_pem=cert_path.read_bytes())
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "MedMatch test signing key (not for real use)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "MedMatch Test Certificates"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    directory.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so that two processes starting at once never read half a file.
    for path, data in ((key_path, key_pem), (cert_path, cert_pem)):
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.chmod(0o600)
        if not path.exists():
            temporary.replace(path)
        else:
            temporary.unlink()
    return SigningMaterial(key_pem=key_path.read_bytes(), cert_pem=cert_path.read_bytes())


def signing_material() -> SigningMaterial:
    key, cert = settings.MEDMATCH_SIGNING_KEY, settings.MEDMATCH_SIGNING_CERT
    if key and cert:
        return SigningMaterial(key_pem=_pem(key), cert_pem=_pem(cert))
    if key or cert:
        raise ImproperlyConfigured("Set both MEDMATCH_SIGNING_KEY and MEDMATCH_SIGNING_CERT, or neither.")
    if not settings.MEDMATCH_SIGNING_ALLOW_TEST_KEY:
        raise ImproperlyConfigured(
            "The environment variables MEDMATCH_SIGNING_KEY and MEDMATCH_SIGNING_CERT are required "
            "to sign certificates."
        )
    return generated_signing_material(Path(settings.MEDMATCH_SIGNING_TEST_KEY_DIR))


def signing_certificate() -> asn1_x509.Certificate:
    """The certificate that signs, e.g. as the trust root when validating in tests."""
    return _signer(signing_material()).signing_cert


@lru_cache(maxsize=4)
def _signer(material: SigningMaterial) -> signers.SimpleSigner:
    passphrase = settings.MEDMATCH_SIGNING_KEY_PASSPHRASE.encode() or None
    key: asn1_keys.PrivateKeyInfo = load_private_key_from_pemder_data(material.key_pem, passphrase=passphrase)
    cert = _load_cert(material.cert_pem)
    registry = SimpleCertificateStore.from_certs([cert])  # type: ignore[no-untyped-call]
    return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=registry)


def _load_cert(pem: bytes) -> asn1_x509.Certificate:
    certs = list(load_certs_from_pemder_data(pem))
    if not certs:
        raise ImproperlyConfigured("MEDMATCH_SIGNING_CERT holds no certificate.")
    cert: asn1_x509.Certificate = certs[0]
    return cert


def pdf_sign(pdf: bytes, *, reason: str = "Force-majeure fact certificate", location: str = "") -> bytes:
    """The PDF with an invisible PAdES (B-B) signature over the whole file, SHA-256."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
    )
    output = signers.sign_pdf(writer, metadata, signer=_signer(signing_material()))
    signed: bytes = output.getvalue()
    return signed
