//! The 3D view: the organisation's agents ([`agents`], drawn through [`instancing`]),
//! the contact lines ([`lines`]), the orbit camera ([`camera`]) in the area the
//! screen's interface leaves it ([`layout`]), the compared views ([`compare`]), and the
//! settings a software renderer needs ([`software`]). It imports nothing of the
//! screen's interface ([`crate::screen`]), which is drawn over it.

pub mod agents;
pub mod camera;
pub mod compare;
pub mod instancing;
pub mod layout;
pub mod lines;
pub mod software;
