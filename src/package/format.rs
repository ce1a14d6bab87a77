//! The LMS package formats and what differs between them: the name in file names and on the
//! command line, the `suspend_data` budget, the launch page, and the official schema files a
//! SCORM package carries (byte for byte as ADL and IMS publish them).

use crate::record::code::{SCORM_12_SUSPEND_DATA, SCORM_2004_SUSPEND_DATA};

/// The LMS package formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// SCORM 1.2: one SCO, progress in `cmi.suspend_data`.
    Scorm12,
    /// SCORM 2004 4th edition: one SCO, progress in `cmi.suspend_data`.
    Scorm2004,
    /// cmi5: one AU reporting to the LMS's xAPI endpoint, progress in its State API.
    Cmi5,
}

/// A schema file of a package: its name at the zip's root and its bytes.
pub type Schema = (&'static str, &'static [u8]);

macro_rules! schemas {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!($dir, "/schemas/", $name)))),*]
    };
}

const SCORM_12_SCHEMAS: &[Schema] = schemas!("scorm12":
    "imscp_rootv1p1p2.xsd",
    "imsmd_rootv1p2p1.xsd",
    "adlcp_rootv1p2.xsd",
    "ims_xml.xsd",
);

const SCORM_2004_SCHEMAS: &[Schema] = schemas!("scorm2004":
    "imscp_v1p1.xsd",
    "adlcp_v1p3.xsd",
    "adlseq_v1p3.xsd",
    "adlnav_v1p3.xsd",
    "imsss_v1p0.xsd",
    "imsss_v1p0auxresource.xsd",
    "imsss_v1p0control.xsd",
    "imsss_v1p0delivery.xsd",
    "imsss_v1p0limit.xsd",
    "imsss_v1p0objective.xsd",
    "imsss_v1p0random.xsd",
    "imsss_v1p0rollup.xsd",
    "imsss_v1p0seqrule.xsd",
    "imsss_v1p0util.xsd",
    "xml.xsd",
    "datatypes.dtd",
    "XMLSchema.dtd",
);

impl Format {
    /// Every format, in the order packages are written.
    pub const ALL: [Format; 3] = [Format::Scorm12, Format::Scorm2004, Format::Cmi5];

    /// The name in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Scorm12 => "scorm12",
            Format::Scorm2004 => "scorm2004",
            Format::Cmi5 => "cmi5",
        }
    }

    /// The standard as people name it.
    pub fn standard(self) -> &'static str {
        match self {
            Format::Scorm12 => "SCORM 1.2",
            Format::Scorm2004 => "SCORM 2004",
            Format::Cmi5 => "cmi5",
        }
    }

    /// The characters of `cmi.suspend_data` an LMS must keep (cmi5's State API sets none).
    pub fn suspend_data(self) -> Option<usize> {
        match self {
            Format::Scorm12 => Some(SCORM_12_SUSPEND_DATA),
            Format::Scorm2004 => Some(SCORM_2004_SUSPEND_DATA),
            Format::Cmi5 => None,
        }
    }

    /// The version the launch page tells its runtime (`data-scorm`): cmi5's runtime offers
    /// the SCORM 2004 one its API.
    pub fn runtime_version(self) -> &'static str {
        match self {
            Format::Scorm12 => "1.2",
            Format::Scorm2004 | Format::Cmi5 => "2004",
        }
    }

    /// The launch page and the script that talks to the LMS (before `assets/scorm.js`).
    pub fn launch(self) -> (&'static str, Option<&'static str>) {
        match self {
            Format::Scorm12 | Format::Scorm2004 => ("scorm.html", None),
            Format::Cmi5 => ("cmi5.html", Some("assets/cmi5.js")),
        }
    }

    /// The schema files the manifest names.
    pub fn schemas(self) -> &'static [Schema] {
        match self {
            Format::Scorm12 => SCORM_12_SCHEMAS,
            Format::Scorm2004 => SCORM_2004_SCHEMAS,
            Format::Cmi5 => &[],
        }
    }
}
