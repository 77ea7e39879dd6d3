#!/bin/bash
# Seiswork worker scratch disk; io.seiswork.infra.ScratchDisk says why it is done this way.
#
#   seiswork-scratch DIR OWNER EBS_DEVICE
#
# Mounts a file system labelled sw-scratch at DIR (noatime): the one made on an earlier boot if
# there is one; else a new one on the instance's NVMe instance-store disks (RAID-0 when there are
# several) when together they hold at least as much as the EBS volume EBS_DEVICE; else a new one
# on EBS_DEVICE. Then DIR belongs to OWNER (uid:gid), mode 700.
#
# Idempotent: run again, it only mounts what is not mounted. It never touches a disk that has a
# partition, a file system, a RAID signature or a mount. It exits 0 whenever DIR exists for OWNER:
# when no disk could be mounted, DIR stays on the root volume and a WARNING says so (the worker
# still runs shots that fit there). Written for bash 4.2 and newer (Amazon Linux 2023 has 5.2);
# calls lsblk, blkid, blockdev, mkfs.xfs (else mkfs.ext4), mount, udevadm, logger, and mdadm for
# several disks (installed with dnf when the AMI lacks it), never nvme-cli.
set -u -o pipefail
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin

usage="usage: seiswork-scratch DIR OWNER EBS_DEVICE"
dir=${1:?$usage}
owner=${2:?$usage}
ebs=${3:?$usage}
label=sw-scratch                        # an XFS label holds at most 12 characters
array=/dev/md/seiswork-scratch
mdadm_conf=${SEISWORK_MDADM_CONF:-/etc/mdadm.conf}
instance_store_model="Amazon EC2 NVMe Instance Storage"
ebs_model="Amazon Elastic Block Store"

log() {
  echo "seiswork-scratch: $*" >&2
  logger -t seiswork-scratch -- "$*" 2>/dev/null || true
}

# True for a whole disk that nothing uses: no partition or array on it, no mount, no signature.
unused() {
  [ -n "$1" ] || return 1
  [ "$(lsblk -n -o NAME "$1" 2>/dev/null | wc -l)" -eq 1 ] || return 1
  [ -z "$(lsblk -n -o MOUNTPOINT "$1" 2>/dev/null | tr -d '[:space:]')" ] || return 1
  [ -z "$(blkid -o value -s TYPE "$1" 2>/dev/null)" ]
}

# The unused whole disks whose model is $1, one path a line.
disks_of_model() {
  lsblk -d -n -p -o NAME,MODEL 2>/dev/null | while read -r name model; do
    if [ "$model" = "$1" ] && unused "$name"; then
      echo "$name"
    fi
  done
}

bytes() {
  blockdev --getsize64 "$1" 2>/dev/null || echo 0
}

# The EBS scratch volume: EBS_DEVICE (on Nitro instances a udev link to an NVMe disk), else the
# first unused EBS disk (the launch template attaches only the root volume and this one).
ebs_volume() {
  local dev
  dev=$(readlink -f "$ebs" 2>/dev/null)
  if unused "$dev"; then
    echo "$dev"
  else
    disks_of_model "$ebs_model" | head -n 1
  fi
}

# One device over the given disks: the disk itself, or a RAID-0 array over all of them.
stripe() {
  if [ $# -eq 1 ]; then
    echo "$1"
    return 0
  fi
  if ! command -v mdadm >/dev/null; then
    # The ECS-optimized Amazon Linux 2023 AMI may come without it; the instance has internet access.
    log "installing mdadm"
    { dnf -y -q install mdadm || yum -y -q install mdadm; } </dev/null >&2 2>&1
    command -v mdadm >/dev/null || { log "no mdadm: cannot stripe $*"; return 1; }
  fi
  log "RAID-0 over $*"
  mdadm --create "$array" --run --level=0 --raid-devices=$# --name=seiswork-scratch "$@" </dev/null >&2 || return 1
  udevadm settle 2>/dev/null
  # Recorded so that a reboot assembles the same array (mdadm --assemble --scan below).
  sed -i "\\#$array#d" "$mdadm_conf" 2>/dev/null
  mdadm --detail --brief "$array" >>"$mdadm_conf"
  echo "$array"
}

make_fs() {
  log "making a file system on $1"
  # No discard: the disks are new (EBS) or were trimmed at launch (instance store), and
  # discarding a terabyte first can take minutes. No root reserve (ext4): the worker is not root.
  if command -v mkfs.xfs >/dev/null; then
    mkfs.xfs -q -K -L "$label" "$1" >&2
  else
    mkfs.ext4 -q -E nodiscard -m 0 -L "$label" "$1" >&2
  fi
}

# Prints the device of a new scratch file system: instance store when it holds at least as much
# as the EBS volume (faster, and already paid for with the instance), else the EBS volume.
new_file_system() {
  local store="" store_bytes=0 d volume volume_bytes=0 dev
  for d in $(disks_of_model "$instance_store_model"); do
    store="$store $d"
    store_bytes=$((store_bytes + $(bytes "$d")))
  done
  volume=$(ebs_volume)
  if [ -n "$volume" ]; then
    volume_bytes=$(bytes "$volume")
  fi
  log "instance store:${store:- none} ($store_bytes bytes); EBS volume: ${volume:-none} ($volume_bytes bytes)"
  if [ -n "$store" ] && [ "$store_bytes" -ge "$volume_bytes" ]; then
    # shellcheck disable=SC2086 # one word per disk
    if dev=$(stripe $store) && make_fs "$dev"; then
      echo "$dev"
      return 0
    fi
    log "instance store could not be prepared"
  fi
  if [ -n "$volume" ] && make_fs "$volume"; then
    echo "$volume"
    return 0
  fi
  return 1
}

mount_scratch() {
  local dev
  udevadm settle 2>/dev/null
  if command -v mdadm >/dev/null; then
    mdadm --assemble --scan >/dev/null 2>&1 # after a reboot: the array made at the first boot
  fi
  dev=$(blkid -L "$label" 2>/dev/null)
  if [ -n "$dev" ]; then
    log "found the scratch file system of an earlier boot on $dev"
  else
    dev=$(new_file_system) || return 1
  fi
  mount -o noatime "$dev" "$dir" && log "mounted $dev at $dir"
}

mkdir -p "$dir" || exit 1
if mountpoint -q "$dir"; then
  log "$dir is already mounted"
elif ! mount_scratch; then
  log "WARNING: no scratch disk could be mounted; $dir stays on the root volume"
fi
if ! chown "$owner" "$dir" || ! chmod 700 "$dir"; then
  log "cannot give $dir to $owner"
  exit 1
fi
log "$dir ready for $owner"
